package dev.ess.runtime.e2e;

import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/** The partner's service interface, as wsimport would write it. */
@WebService(name = "PermitPort", targetNamespace = PermitPort.NAMESPACE)
public interface PermitPort {

    String NAMESPACE = "urn:ess:test:permits";

    String submitPermit(
            @WebParam(name = "eventId") String eventId,
            @WebParam(name = "permitId") String permitId,
            @WebParam(name = "street") String street,
            @WebParam(name = "truckLimit") Integer truckLimit) throws PermitRejected;
}
