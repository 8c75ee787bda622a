package dev.ess.compiler.wsdl;

import java.util.List;
import java.util.Optional;

/**
 * A complex type's child elements, in schema order.
 *
 * @param name the named type's local name, {@code null} when anonymous
 */
public record ComplexType(String name, List<XmlElement> elements) implements XmlType {

    public ComplexType {
        elements = List.copyOf(elements);
    }

    public Optional<XmlElement> element(String elementName) {
        return elements.stream().filter(element -> element.name().equals(elementName)).findFirst();
    }

    @Override
    public String describe() {
        return name != null ? name : "a complex type";
    }
}
