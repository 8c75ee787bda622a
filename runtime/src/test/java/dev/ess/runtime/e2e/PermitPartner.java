package dev.ess.runtime.e2e;

import jakarta.jws.WebService;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real partner: a JAX-WS endpoint on the JDK's HTTP server. It rejects permit {@code REJECT}
 * with its declared fault, and fails the next {@link #failNextCalls(int)} calls with an
 * undeclared exception, which reaches the client as a SOAP Server fault.
 */
@WebService(
        endpointInterface = "dev.ess.runtime.e2e.PermitPort",
        serviceName = "PermitService",
        portName = "PermitPortPort",
        targetNamespace = PermitPort.NAMESPACE)
public class PermitPartner implements PermitPort, AutoCloseable {

    /** A call the partner accepted. */
    public record Received(String eventId, String permitId, String street, Integer truckLimit) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToGo = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile long delayMillis;
    private Endpoint endpoint;
    private ExecutorService executor;
    private String address;

    public static PermitPartner publish() throws IOException {
        // Without it every call waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        PermitPartner partner = new PermitPartner();
        partner.address = "http://127.0.0.1:" + freePort() + "/permits";
        partner.executor = Executors.newFixedThreadPool(4);
        partner.endpoint = Endpoint.create(partner);
        partner.endpoint.setExecutor(partner.executor);
        partner.endpoint.publish(partner.address);
        return partner;
    }

    @Override
    public String submitPermit(String eventId, String permitId, String street, Integer truckLimit) throws PermitRejected {
        calls.incrementAndGet();
        pause();
        if (failuresToGo.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("partner database unavailable");
        }
        if ("REJECT".equals(permitId)) {
            throw new PermitRejected("permit " + permitId + " is unknown", new RejectionDetail("unknown permit"));
        }
        received.add(new Received(eventId, permitId, street, truckLimit));
        return "ACK-" + permitId;
    }

    /** Makes every call take this long, like a slow mainframe. */
    public void delayCalls(long millis) {
        delayMillis = millis;
    }

    private void pause() {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void failNextCalls(int count) {
        failuresToGo.set(count);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int calls() {
        return calls.get();
    }

    public String address() {
        return address;
    }

    public void reset() {
        received.clear();
        calls.set(0);
        failuresToGo.set(0);
        delayMillis = 0;
    }

    @Override
    public void close() {
        endpoint.stop();
        executor.shutdownNow();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
