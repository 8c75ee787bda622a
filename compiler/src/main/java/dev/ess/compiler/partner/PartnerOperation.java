package dev.ess.compiler.partner;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * An operation of a port, as the stubs expose it.
 *
 * @param method the port method's name
 * @param rpc whether the binding is rpc style, where parts are named by their part names
 * @param parts the method's arguments, in order
 * @param response what the method returns, or {@code null} for a one-way operation or out parts only
 * @param faults the exceptions the method declares
 * @param responseElement the element the answer's body holds, or {@code null} for a one-way operation
 */
public record PartnerOperation(String name, String method, boolean rpc, List<RequestPart> parts, TypeName response,
        List<ClassName> faults, QName responseElement) {

    public PartnerOperation {
        parts = List.copyOf(parts);
        faults = List.copyOf(faults);
    }

    /** The parts the request carries: those a mapping path can start with. */
    public List<RequestPart> inputs() {
        return parts.stream().filter(RequestPart::input).toList();
    }

    public Optional<RequestPart> input(String partName) {
        return inputs().stream().filter(part -> part.name().equals(partName)).findFirst();
    }
}
