package dev.ess.compiler.partner;

import dev.ess.compiler.diagnostic.Position;

/**
 * A place of the partner's request that a mapping line can name: an element, an attribute or an
 * element's simple content, with how the stubs hold it. Everything Java about it (class, getter,
 * setter, type, {@code JAXBElement} wrapping) is read from the model XJC generated the stubs from.
 */
public sealed interface TargetNode permits ObjectNode, ValueNode, UnsupportedNode {

    /** The step a mapping path takes to reach it: the element's local name, or {@code @name} for an attribute. */
    String name();

    Occurs occurs();

    /** Whether the schema lets it be sent as nil. */
    boolean nillable();

    /** How the object that holds it sets it. */
    Slot slot();

    /** An alternative of which xs:choice, or {@code null}. */
    Choice choice();

    /** Its declaration in the schema, for messages. */
    Position position();

    default boolean isAttribute() {
        return name().startsWith("@");
    }

    /**
     * An alternative of an xs:choice: a request holds one of its branches at a time.
     *
     * @param group tells one choice of a type from another
     * @param branch which of the choice's branches (a branch may be a sequence of several elements)
     * @param repeated whether the choice itself repeats, so that each entry may take another branch
     * @param required whether the choice must be made: the request must hold one of its branches
     */
    record Choice(int group, int branch, boolean repeated, boolean required) {}
}
