package dev.ess.runtime.e2e;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** The detail of a {@link PermitRejected} fault. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "RejectionDetail", namespace = PermitPort.NAMESPACE)
public class RejectionDetail {

    private String reason;

    public RejectionDetail() {}

    public RejectionDetail(String reason) {
        this.reason = reason;
    }

    public String getReason() {
        return reason;
    }
}
