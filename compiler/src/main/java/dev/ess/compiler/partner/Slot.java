package dev.ess.compiler.partner;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * How a stub object holds one of its properties, as XJC generated it.
 *
 * @param getter the getter's name; a list property has only a getter
 * @param setter the setter's name, or {@code null} for a list property
 * @param type the property's declared type: {@code String}, {@code int}, {@code List<Item>},
 *     {@code JAXBElement<String>}
 * @param wrapping how a value becomes a {@code JAXBElement}, or {@code null} when it is held bare
 */
public record Slot(String getter, String setter, TypeName type, Wrapping wrapping) {

    /** The slot of a port method's argument: the value is passed as it is. */
    public static Slot argument(TypeName type) {
        return new Slot(null, null, type, null);
    }

    public Slot {
        Objects.requireNonNull(type, "type");
    }

    public boolean isList() {
        return getter != null && setter == null;
    }

    /**
     * The {@code ObjectFactory} method that wraps a value in its {@code JAXBElement}, which tells
     * JAXB the element's name (and lets an optional element be left out rather than sent as nil).
     */
    public record Wrapping(ClassName objectFactory, String method) {}
}
