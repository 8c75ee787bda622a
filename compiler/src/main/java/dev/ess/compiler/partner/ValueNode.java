package dev.ess.compiler.partner;

import dev.ess.compiler.diagnostic.Position;
import java.util.Objects;

/** An element or attribute of simple type, or the simple content of a complex type: what a mapping line sets. */
public record ValueNode(String name, Occurs occurs, boolean nillable, Slot slot, Choice choice, Position position,
        SimpleValue value) implements TargetNode {

    public ValueNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(occurs, "occurs");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(value, "value");
    }
}
