package dev.ess.samples.dmv;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ess.samples.soap.dmv.Permit;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The State DMV's permit service, simulated: a real JAX-WS endpoint of {@code dmv.wsdl} on the
 * JDK's HTTP server. It prints every SOAP request it receives and keeps the permits for tests.
 *
 * <p>Run it on its own with {@code java -cp city2dmv.jar dev.ess.samples.dmv.DmvSimulator [port]}.
 */
public final class DmvSimulator implements AutoCloseable {

    public static final String PATH = "/soap/permits";
    /** Answers 200 while the simulator runs: the partner's liveness URL, for a manifest's {@code ping_url}. */
    public static final String PING_PATH = "/ping";

    /** Held so the level set below stays: JUL keeps loggers only weakly. */
    private static final Logger METRO_LOG = Logger.getLogger("com.sun.xml.ws");

    static {
        // Without it the JDK's HTTP server answers each call only after a delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Metro says at every start that it has no JMX monitoring; nobody asked for it.
        METRO_LOG.setLevel(Level.WARNING);
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Endpoint endpoint;
    private final PermitDesk desk;

    private DmvSimulator(HttpServer server, ExecutorService executor, Endpoint endpoint, PermitDesk desk) {
        this.server = server;
        this.executor = executor;
        this.endpoint = endpoint;
        this.desk = desk;
    }

    /**
     * Starts the simulator on 127.0.0.1.
     *
     * @param port the port to listen on, 0 for any free one
     * @param log where each received SOAP request is printed, or {@code null} for silence
     */
    public static DmvSimulator start(int port, PrintStream log) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        PermitDesk desk = new PermitDesk();
        Endpoint endpoint = Endpoint.create(desk);
        if (log != null) {
            endpoint.getBinding().setHandlerChain(List.of(new SoapRequestPrinter(log)));
        }
        endpoint.publish(server.createContext(PATH));
        server.createContext(PING_PATH, DmvSimulator::pong);
        server.start();
        return new DmvSimulator(server, executor, endpoint, desk);
    }

    /** The endpoint address, for a connector's {@code TARGET_URL}. */
    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The liveness URL. */
    public String pingAddress() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PING_PATH;
    }

    private static void pong(HttpExchange exchange) throws IOException {
        byte[] body = "pong\n".getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Every permit received so far, in arrival order. */
    public List<Permit> received() {
        return desk.received();
    }

    /** Waits until a permit with this id has arrived. */
    public boolean awaitPermit(String permitId, Duration timeout) throws InterruptedException {
        return desk.awaitPermit(permitId, timeout);
    }

    @Override
    public void close() {
        endpoint.stop();
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8088;
        DmvSimulator simulator = start(port, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("DMV simulator listening on " + simulator.address());
        Thread.currentThread().join();
    }
}
