package dev.ess.samples.dmv;

import dev.ess.samples.soap.dmv.Permit;
import dev.ess.samples.soap.dmv.PermitAck;
import dev.ess.samples.soap.dmv.PermitPortType;
import dev.ess.samples.soap.dmv.PermitRejected;
import dev.ess.samples.soap.dmv.PermitRejectedFault;
import jakarta.jws.WebService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The DMV's side of {@code submitPermit}: accepts every permit except those whose id starts
 * with {@value #REJECTED_PREFIX}, which it rejects with the WSDL's declared fault.
 */
@WebService(
        serviceName = "PermitService",
        portName = "PermitPort",
        targetNamespace = "urn:gov:state:dmv:permits",
        endpointInterface = "dev.ess.samples.soap.dmv.PermitPortType")
public class PermitDesk implements PermitPortType {

    public static final String REJECTED_PREFIX = "X-";

    private final List<Permit> received = new ArrayList<>();

    @Override
    public PermitAck submitPermit(Permit permit) throws PermitRejectedFault {
        if (permit.getID().startsWith(REJECTED_PREFIX)) {
            PermitRejected rejection = new PermitRejected();
            rejection.setReason("permit " + permit.getID() + " is on the DMV's reject list");
            throw new PermitRejectedFault(rejection.getReason(), rejection);
        }
        synchronized (received) {
            received.add(permit);
            received.notifyAll();
        }
        PermitAck ack = new PermitAck();
        ack.setCode("ACCEPTED");
        ack.setPermitID(permit.getID());
        return ack;
    }

    List<Permit> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    boolean awaitPermit(String permitId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (received.stream().noneMatch(permit -> permit.getID().equals(permitId))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
