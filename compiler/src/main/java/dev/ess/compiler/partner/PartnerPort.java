package dev.ess.compiler.partner;

import com.palantir.javapoet.ClassName;
import dev.ess.compiler.diagnostic.Position;
import java.util.List;
import java.util.Optional;

/**
 * A SOAP port of the partner's service, as the stubs expose it.
 *
 * @param serviceName the WSDL service's name
 * @param address where the WSDL says the port listens
 * @param overHttp whether its binding's transport is HTTP, as ESS calls partners (a WCF port may use a named pipe)
 * @param serviceClass the generated service class
 * @param getter the service method that returns this port
 * @param portType the generated port interface
 */
public record PartnerPort(String name, String serviceName, boolean soap12, String address, boolean overHttp,
        ClassName serviceClass, String getter, ClassName portType,
        List<PartnerOperation> operations, Position position) {

    public PartnerPort {
        operations = List.copyOf(operations);
    }

    public Optional<PartnerOperation> operation(String operationName) {
        return operations.stream().filter(operation -> operation.name().equals(operationName)).findFirst();
    }

    /** For messages: {@code CalcSoap12 (SOAP 1.2)}. */
    public String describe() {
        return name + (soap12 ? " (SOAP 1.2)" : " (SOAP 1.1)");
    }
}
