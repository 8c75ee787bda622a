package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;
import java.util.List;
import java.util.Objects;

/** An element path of the partner's request, from its root element: {@code Permit/Address/Street}. */
public record TargetPath(Position position, List<Segment> segments) {

    /** One element name of the path, with its own position for precise messages. */
    public record Segment(Position position, String name) {
        public Segment {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(name, "name");
        }
    }

    public TargetPath {
        Objects.requireNonNull(position, "position");
        segments = List.copyOf(segments);
    }

    public List<String> names() {
        return segments.stream().map(Segment::name).toList();
    }

    @Override
    public String toString() {
        return String.join("/", names());
    }
}
