package dev.ess.compiler.wsdl;

import dev.ess.compiler.diagnostic.Position;
import java.util.Objects;

/**
 * An element of the target type tree.
 *
 * @param maxOccurs {@code -1} for unbounded
 * @param position where the element is declared in the WSDL
 */
public record XmlElement(
        String name, String namespace, XmlType type, int minOccurs, int maxOccurs, boolean nillable, Position position) {

    public XmlElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(position, "position");
    }

    /** A value must be given: not optional and not nillable. */
    public boolean isRequired() {
        return minOccurs > 0 && !nillable;
    }

    public boolean isRepeated() {
        return maxOccurs != 1;
    }

    public boolean isComplex() {
        return type instanceof ComplexType;
    }
}
