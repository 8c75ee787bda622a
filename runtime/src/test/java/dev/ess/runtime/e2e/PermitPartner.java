package dev.ess.runtime.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
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
import java.nio.charset.StandardCharsets;
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
 * again on the same port to make an outage, or made to fail every call in one of the ways a
 * partner really fails ({@link #startOutage}). It rejects permit {@code REJECT} (and any permit id
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

    /** Ways a partner fails every call for a while. */
    public enum Outage {
        /** Connections are refused: the partner's server is stopped. */
        REFUSED,
        /** Connections are accepted and closed without an answer. */
        RESET,
        /** Calls take longer than the connector's request timeout: 3 s, or what {@link #hangOnTimeout} says. */
        TIMEOUT,
        /** HTTP 503 with a plain-text body, as a load balancer says it. */
        UNAVAILABLE,
        /** HTTP 500 with a SOAP Server fault: the service is up but its database is not. */
        SERVER_FAULT,
        /** HTTP 404: the service is not deployed at the address. */
        NOT_FOUND,
        /** HTTP 401: the partner no longer takes the connector's credentials. */
        UNAUTHORIZED
    }

    private final List<Received> received = new ArrayList<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private volatile long hangMillis;
    private final AtomicInteger failuresToGo = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final int port;
    private volatile long delayMillis;
    private volatile boolean failing;
    private volatile long timeoutHangMillis = 3_000;
    private Outage outage;
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
            if (outage == null || outage == Outage.TIMEOUT || outage == Outage.SERVER_FAULT) {
                endpoint.stop(); // else an outage took the endpoint's context off the server already
            }
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
        if (failing || failuresToGo.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
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

    /** Fails every call in this way until {@link #endOutage()}. */
    public synchronized void startOutage(Outage kind) throws IOException {
        endOutage();
        switch (kind) {
            case REFUSED -> stop();
            case TIMEOUT -> delayCalls(timeoutHangMillis);
            case SERVER_FAULT -> failing = true;
            case NOT_FOUND -> server.removeContext(PATH);
            // Closing an exchange before its response headers closes the connection.
            case RESET -> replaceContext(exchange -> exchange.close());
            case UNAVAILABLE -> replaceContext(exchange -> answer(exchange, 503, "down for maintenance"));
            case UNAUTHORIZED -> replaceContext(exchange -> answer(exchange, 401, "who are you?"));
        }
        outage = kind;
    }

    /** How long each call hangs in a {@link Outage#TIMEOUT} outage: longer than the connector's request timeout. */
    public void hangOnTimeout(long millis) {
        timeoutHangMillis = millis;
    }

    /** Answers normally again after {@link #startOutage}. */
    public synchronized void endOutage() throws IOException {
        if (outage == null) {
            return;
        }
        Outage ending = outage;
        switch (ending) {
            case REFUSED -> start();
            case TIMEOUT -> delayCalls(0);
            case SERVER_FAULT -> failing = false;
            case NOT_FOUND, UNAVAILABLE, UNAUTHORIZED, RESET -> {
                stop();
                outage = null;
                start();
            }
        }
        outage = null;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void replaceContext(HttpHandler handler) {
        server.removeContext(PATH);
        server.createContext(PATH, handler);
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
        failing = false;
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
