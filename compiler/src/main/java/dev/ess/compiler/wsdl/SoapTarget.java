package dev.ess.compiler.wsdl;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The partner's side of a connector, read from its WSDL: the service and port to create and the
 * operation to call, with the request's type tree.
 *
 * @param operationNames every operation of the port type, for hints
 */
public record SoapTarget(
        Path wsdl,
        String targetNamespace,
        String serviceName,
        String portName,
        String portTypeName,
        List<String> operationNames,
        WsdlOperation operation) {

    public SoapTarget {
        Objects.requireNonNull(wsdl, "wsdl");
        Objects.requireNonNull(targetNamespace, "targetNamespace");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(portName, "portName");
        Objects.requireNonNull(portTypeName, "portTypeName");
        operationNames = List.copyOf(operationNames);
        Objects.requireNonNull(operation, "operation");
    }
}
