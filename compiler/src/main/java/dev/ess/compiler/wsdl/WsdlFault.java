package dev.ess.compiler.wsdl;

import java.util.Objects;

/**
 * A fault an operation declares.
 *
 * @param messageName the fault message's name, which JAX-WS turns into the exception class name
 */
public record WsdlFault(String name, String messageName, XmlElement element) {

    public WsdlFault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(messageName, "messageName");
        Objects.requireNonNull(element, "element");
    }
}
