package dev.ess.compiler.partner;

import com.palantir.javapoet.ClassName;
import dev.ess.compiler.diagnostic.Position;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An element of complex type: a stub class with child elements, attributes and possibly simple
 * content. Its children are read when first asked for, so types that contain themselves are fine.
 */
public final class ObjectNode implements TargetNode {

    private final String name;
    private final Occurs occurs;
    private final boolean nillable;
    private final Slot slot;
    private final Choice choice;
    private final Position position;
    private final ClassName javaClass;
    private final Supplier<Members> members;
    private Members resolved;

    /** What a complex type holds: its elements and attributes, and its simple content if any. */
    record Members(List<TargetNode> children, ValueNode content) {
        Members {
            children = List.copyOf(children);
        }
    }

    ObjectNode(String name, Occurs occurs, boolean nillable, Slot slot, Choice choice, Position position,
            ClassName javaClass, Supplier<Members> members) {
        this.name = name;
        this.occurs = occurs;
        this.nillable = nillable;
        this.slot = slot;
        this.choice = choice;
        this.position = position;
        this.javaClass = javaClass;
        this.members = members;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Occurs occurs() {
        return occurs;
    }

    @Override
    public boolean nillable() {
        return nillable;
    }

    @Override
    public Slot slot() {
        return slot;
    }

    @Override
    public Choice choice() {
        return choice;
    }

    @Override
    public Position position() {
        return position;
    }

    /** The stub class to instantiate. */
    public ClassName javaClass() {
        return javaClass;
    }

    /** Child elements and attributes, in schema order, a base type's first. */
    public List<TargetNode> children() {
        return members().children();
    }

    public Optional<TargetNode> child(String childName) {
        return children().stream().filter(child -> child.name().equals(childName)).findFirst();
    }

    /** The simple content of a type like {@code <Amount currency="EUR">12.50</Amount>}. */
    public Optional<ValueNode> content() {
        return Optional.ofNullable(members().content());
    }

    private synchronized Members members() {
        if (resolved == null) {
            try {
                resolved = members.get();
            } catch (InternalError e) {
                // XSOM's way of saying that a reference wsimport warned about resolves to nothing.
                throw new UnresolvedSchemaException(position, name, e);
            }
        }
        return resolved;
    }

    @Override
    public String toString() {
        return name + " (" + javaClass + ")";
    }
}
