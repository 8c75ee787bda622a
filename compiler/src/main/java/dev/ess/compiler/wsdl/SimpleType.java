package dev.ess.compiler.wsdl;

import java.util.Objects;

/**
 * A simple type: a built-in XSD type, possibly restricted by a named or anonymous type.
 *
 * @param name the named type's local name, {@code null} when anonymous or built in
 * @param builtin the built-in type it derives from, {@code null} when that one is not supported
 * @param xsdBase the local name of the XSD built-in it derives from, for messages
 */
public record SimpleType(String name, BuiltinType builtin, String xsdBase, Facets facets) implements XmlType {

    public SimpleType {
        Objects.requireNonNull(xsdBase, "xsdBase");
        Objects.requireNonNull(facets, "facets");
    }

    /** A built-in a mapping can target; of enumerations, only those of text (JAXB's enums). */
    public boolean isSupported() {
        return builtin != null && (!isEnumeration() || builtin == BuiltinType.STRING);
    }

    public boolean isEnumeration() {
        return !facets.enumeration().isEmpty();
    }

    @Override
    public String describe() {
        return (name != null ? name + ", " : "") + "xs:" + xsdBase + facets.describe();
    }
}
