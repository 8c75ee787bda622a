package dev.ess.runtime.e2e;

import com.sun.net.httpserver.HttpServer;
import com.sun.xml.ws.api.message.Header;
import com.sun.xml.ws.api.message.MessageHeaders;
import com.sun.xml.ws.developer.JAXWSProperties;
import dev.ess.runtime.soap.EventIdHeader;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.WebServiceContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real partner: a JAX-WS endpoint on the JDK's HTTP server, which can be stopped and started
 * again on the same port to make an outage. It rejects permit {@code REJECT} (and any permit id
 * or street given to {@link #reject}) with its declared fault, fails the next {@link #failNextCalls(int)}
 * calls with an undeclared exception (a SOAP Server fault), and records each accepted call with
 * the event id of its {@code ess:EventId} SOAP header.
 */
@WebService(
        endpointInterface = "dev.ess.runtime.e2e.PermitPort",
        serviceName = "PermitService",
        portName = "PermitPortPort",
        targetNamespace = PermitPort.NAMESPACE)
public class PermitPartner implements PermitPort, AutoCloseable {

    /**
     * A call the partner accepted.
     *
     * @param headerEventId the event id of the call's SOAP header, or {@code null} without one
     * @param receivedNanos when it arrived, on {@link System#nanoTime()}
     */
    public record Received(String headerEventId, String eventId, String permitId, String street, Integer truckLimit,
            long receivedNanos) {

        /** The call without its arrival time, for comparisons. */
        public List<Object> content() {
            return java.util.Arrays.asList(headerEventId, eventId, permitId, street, truckLimit);
        }
    }

    private static final String PATH = "/permits";

    private final List<Received> received = new ArrayList<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private volatile long hangMillis;
    private final AtomicInteger failuresToGo = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final int port;
    private volatile long delayMillis;
    private HttpServer server;
    private ExecutorService executor;
    private Endpoint endpoint;

    @Resource
    private WebServiceContext context;

    private PermitPartner(int port) {
        this.port = port;
        rejected.add("REJECT");
    }

    public static PermitPartner publish() throws IOException {
        // Without it every call waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        PermitPartner partner = new PermitPartner(freePort());
        partner.start();
        return partner;
    }

    /** Starts (again) on the partner's port. */
    public synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        endpoint = Endpoint.create(this);
        endpoint.publish(server.createContext(PATH));
        server.start();
    }

    /** Stops answering: connections are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            endpoint.stop();
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    @Override
    public String submitPermit(String eventId, String permitId, String street, Integer truckLimit) throws PermitRejected {
        calls.incrementAndGet();
        pause();
        if (street != null && hanging.contains(street)) {
            sleep(hangMillis);
            throw new IllegalStateException("took too long over " + street);
        }
        if (failuresToGo.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("partner database unavailable");
        }
        if (rejected.contains(permitId) || street != null && rejected.contains(street)) {
            throw new PermitRejected("permit " + permitId + " is unknown", new RejectionDetail("unknown permit"));
        }
        Received call = new Received(headerEventId(), eventId, permitId, street, truckLimit, System.nanoTime());
        synchronized (received) {
            received.add(call);
        }
        return "ACK-" + permitId;
    }

    private String headerEventId() {
        MessageHeaders headers = (MessageHeaders) context.getMessageContext().get(JAXWSProperties.INBOUND_HEADER_LIST_PROPERTY);
        Header header = headers == null ? null : headers.get(EventIdHeader.NAME, true);
        return header == null ? null : header.getStringContent();
    }

    /** Makes every call take this long, like a slow mainframe. */
    public void delayCalls(long millis) {
        delayMillis = millis;
    }

    /** Makes calls about this street take this long before they fail, as a mainframe choking on one record. */
    public void hangOn(String street, long millis) {
        hangMillis = millis;
        hanging.add(street);
    }

    private void pause() {
        if (delayMillis > 0) {
            sleep(delayMillis);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void failNextCalls(int count) {
        failuresToGo.set(count);
    }

    /** Rejects permits with this id or street with the declared fault from now on. */
    public void reject(String permitIdOrStreet) {
        rejected.add(permitIdOrStreet);
    }

    /** Accepts permits with this id or street from now on. */
    public void accept(String permitIdOrStreet) {
        rejected.remove(permitIdOrStreet);
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    public int calls() {
        return calls.get();
    }

    public String address() {
        return "http://127.0.0.1:" + port + PATH;
    }

    public void reset() {
        synchronized (received) {
            received.clear();
        }
        calls.set(0);
        failuresToGo.set(0);
        delayMillis = 0;
        hanging.clear();
        rejected.clear();
        rejected.add("REJECT");
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
