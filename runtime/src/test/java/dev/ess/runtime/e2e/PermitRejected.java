package dev.ess.runtime.e2e;

import jakarta.xml.ws.WebFault;

/** The fault the partner's WSDL declares for a request it refuses. */
@WebFault(name = "PermitRejectedFault", targetNamespace = PermitPort.NAMESPACE)
public class PermitRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionDetail faultInfo;

    public PermitRejected(String message, RejectionDetail faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public PermitRejected(String message, RejectionDetail faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    public RejectionDetail getFaultInfo() {
        return faultInfo;
    }
}
