package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;
import java.util.List;
import java.util.Objects;

/**
 * An event field, possibly nested and possibly inside arrays: {@code owner.name},
 * {@code items[].sku}, {@code tags[]}.
 */
public record FieldRef(Position position, List<Segment> segments) implements Source {

    /**
     * One name of the path.
     *
     * @param each whether it is written {@code name[]}: an array whose entries are read one by one
     */
    public record Segment(String name, boolean each) {
        public Segment {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return each ? name + "[]" : name;
        }
    }

    public FieldRef {
        Objects.requireNonNull(position, "position");
        segments = List.copyOf(segments);
    }

    /** The names without array marks, as the manifest's {@code fields} spell them: {@code items.sku}. */
    public String dotted() {
        return String.join(".", segments.stream().map(Segment::name).toList());
    }

    /** How many arrays the path walks through. */
    public int arrays() {
        return (int) segments.stream().filter(Segment::each).count();
    }

    @Override
    public String describe() {
        return "field '" + this + "'";
    }

    /** As written: {@code items[].sku}. */
    @Override
    public String toString() {
        return String.join(".", segments.stream().map(Segment::toString).toList());
    }
}
