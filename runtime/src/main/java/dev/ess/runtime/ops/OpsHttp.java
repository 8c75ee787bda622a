package dev.ess.runtime.ops;

import dev.ess.runtime.OneLine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of a connector's ops endpoints and of the OPS dashboard: GET and HEAD, one
 * request per connection, small answers.
 *
 * <p>Made for careless and hostile clients. It listens where {@link HttpOptions} say (the
 * loopback address unless configured otherwise), answers only whom {@link OpsHttpAccess} lets in,
 * and closes any connection that has not sent its request and taken the answer within its
 * deadline. It serves up to {@value #MAX_CONNECTIONS} clients at once; when every place is taken,
 * the connection that has waited longest for a whole request gives its place to the newcomer once
 * it has had {@link #GRACE}. So clients that connect and send nothing, or a byte now and then,
 * hold up no one: the JDK's own server read each request on one of a few threads, and two such
 * clients blocked it.
 */
final class OpsHttp implements AutoCloseable {

    static final int MAX_CONNECTIONS = 32;
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    /** How long a connection may take to send its request before a newcomer may take its place. */
    static final Duration GRACE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(OpsHttp.class);

    /** Answers the requests of one path. */
    @FunctionalInterface
    interface Handler {
        OpsResponse handle(OpsRequest request);
    }

    private record Connection(Socket socket, long acceptedAt) {
        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closed is all that is wanted: its worker sees the socket closed and ends.
            }
        }
    }

    private final ServerSocket server;
    private final HttpOptions options;
    private final OpsHttpAccess access;
    private final Map<String, Handler> routes;
    private final Duration deadline;
    private final String name;
    private final Semaphore places = new Semaphore(MAX_CONNECTIONS);
    /** Connections that have not sent a whole request yet, oldest first. */
    private final Deque<Connection> waitingForRequest = new ConcurrentLinkedDeque<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;
    private volatile boolean closed;

    private OpsHttp(ServerSocket server, HttpOptions options, Map<String, Handler> routes, Duration deadline,
            String name) {
        this.server = server;
        this.options = options;
        this.access = new OpsHttpAccess(options);
        this.routes = Map.copyOf(routes);
        this.deadline = deadline;
        this.name = name;
        this.workers = Executors.newCachedThreadPool(daemon(name + "-http"));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon(name + "-http-deadlines"));
        this.acceptor = daemon(name + "-http-accept").newThread(this::acceptConnections);
    }

    /**
     * Starts serving {@code routes}, each an exact path.
     *
     * @param name names the threads, e.g. {@code ess-city2dmv-ops}
     * @throws IOException when the address and port cannot be bound
     */
    static OpsHttp start(HttpOptions options, Map<String, Handler> routes, String name) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(options.address(), options.port()), MAX_CONNECTIONS);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + options.address().getHostAddress() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
        OpsHttp http = new OpsHttp(server, options, routes, DEFAULT_DEADLINE, name);
        if (!options.loopbackOnly() && options.token() == null) {
            LOG.warn("{}: HTTP on {} without {}: anyone who reaches port {} can read it", name,
                    options.address().getHostAddress(), HttpOptions.ESS_HTTP_TOKEN, http.port());
        }
        http.acceptor.start();
        return http;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The server's address for people: {@code localhost} when only this machine can reach it. */
    String url() {
        String address = options.address().getHostAddress();
        String host = options.loopbackOnly() ? "localhost" : address.contains(":") ? "[" + address + "]" : address;
        return "http://" + host + ":" + port() + "/";
    }

    private void acceptConnections() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    // Out of file descriptors, most likely: the connections in hand finish meanwhile.
                    LOG.warn("{}: cannot accept a connection: {}", name, e.toString());
                    pause();
                }
                continue;
            }
            try {
                takePlace();
            } catch (InterruptedException e) {
                new Connection(socket, 0).close();
                return;
            }
            Connection connection = new Connection(socket, System.nanoTime());
            waitingForRequest.add(connection);
            ScheduledFuture<?> timeout = deadlines.schedule(connection::close, deadline.toMillis(), TimeUnit.MILLISECONDS);
            workers.execute(() -> serve(connection, timeout));
        }
    }

    /** Waits for a free place; when all are taken, frees the one of the slowest client past its grace. */
    private void takePlace() throws InterruptedException {
        while (!places.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            Connection slowest = waitingForRequest.peek();
            if (slowest != null && System.nanoTime() - slowest.acceptedAt() > GRACE.toNanos()) {
                waitingForRequest.remove(slowest);
                slowest.close();
            }
            if (closed) {
                throw new InterruptedException("closed");
            }
        }
    }

    private void serve(Connection connection, ScheduledFuture<?> timeout) {
        try (Socket socket = connection.socket()) {
            socket.setTcpNoDelay(true);
            OpsRequest request = null;
            OpsResponse response;
            try {
                request = OpsRequest.read(new BufferedInputStream(socket.getInputStream()));
                waitingForRequest.remove(connection);
                response = respond(request);
            } catch (OpsRequest.Refused e) {
                response = OpsResponse.plain(e.status, e.getMessage());
            }
            response.writeTo(socket.getOutputStream(), request == null || !"HEAD".equals(request.method()));
            socket.shutdownOutput();
        } catch (IOException e) {
            // The client went away, or its deadline or a newcomer closed the connection.
        } finally {
            timeout.cancel(false);
            waitingForRequest.remove(connection);
            places.release();
        }
    }

    /** Unauthorised clients learn nothing, not even which paths exist. */
    private OpsResponse respond(OpsRequest request) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return OpsResponse.plain(405, "only GET and HEAD").with(Map.of("Allow", "GET, HEAD"));
        }
        if (!access.hostAllowed(request.headers().get("host"))) {
            return OpsResponse.plain(421, "this server answers only to localhost");
        }
        if (!access.authorized(request.headers().get("authorization"))) {
            return OpsResponse.plain(401, "a bearer token is needed")
                    .with(Map.of("WWW-Authenticate", "Bearer realm=\"ESS\", Basic realm=\"ESS\", charset=\"UTF-8\""));
        }
        Handler handler = routes.get(request.path());
        if (handler == null) {
            return OpsResponse.plain(404, "not found");
        }
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            LOG.warn("{}: {} failed: {}", name, OneLine.of(request.path()), e.toString());
            return OpsResponse.plain(500, "internal error");
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("{}: cannot close the server socket: {}", name, e.toString());
        }
        acceptor.interrupt();
        waitingForRequest.forEach(Connection::close);
        workers.shutdownNow();
        deadlines.shutdownNow();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String threadName) {
        return runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
    }
}
