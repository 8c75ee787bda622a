package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;
import java.util.List;
import java.util.Objects;

/** An event field, possibly nested: {@code owner.name}. */
public record FieldRef(Position position, List<String> path) implements Source {

    public FieldRef {
        Objects.requireNonNull(position, "position");
        path = List.copyOf(path);
    }

    /** The dotted path the runtime's {@code Event} accessors take. */
    public String dotted() {
        return String.join(".", path);
    }

    @Override
    public String describe() {
        return "field '" + dotted() + "'";
    }
}
