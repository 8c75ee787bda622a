package dev.ess.compiler.wsdl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A document/literal operation of the partner's port type.
 *
 * @param output the response element, empty for a one-way operation
 */
public record WsdlOperation(String name, XmlElement input, Optional<XmlElement> output, List<WsdlFault> faults) {

    public WsdlOperation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        faults = List.copyOf(faults);
    }
}
