package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;
import java.util.List;
import java.util.Objects;

/**
 * A place in the partner's request, from a part's root element: {@code Permit/Address/Street},
 * {@code Order/Item[]/SKU}, {@code Permit/@status}.
 */
public record TargetPath(Position position, List<Segment> segments) {

    /**
     * One step of the path, with its own position for precise messages.
     *
     * @param each whether it is written {@code Name[]}: a repeated element, one per array entry
     * @param attribute whether it is written {@code @name}: an attribute, always the last step
     */
    public record Segment(Position position, String name, boolean each, boolean attribute) {
        public Segment {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return (attribute ? "@" : "") + name + (each ? "[]" : "");
        }
    }

    public TargetPath {
        Objects.requireNonNull(position, "position");
        segments = List.copyOf(segments);
    }

    public List<String> names() {
        return segments.stream().map(Segment::name).toList();
    }

    /** The path of the first {@code count} steps, as written. */
    public String prefix(int count) {
        return String.join("/", segments.subList(0, count).stream().map(Segment::toString).toList());
    }

    @Override
    public String toString() {
        return prefix(segments.size());
    }
}
