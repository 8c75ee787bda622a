package dev.ess.compiler.wsdl;

/** The type of an XML element: a tree of complex types with simple-typed leaves. */
public sealed interface XmlType permits ComplexType, SimpleType {

    /** How the type reads in a message, for example {@code xs:string (maxLength 40)}. */
    String describe();
}
