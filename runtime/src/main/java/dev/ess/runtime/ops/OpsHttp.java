package dev.ess.runtime.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ess.runtime.OneLine;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of a connector's ops endpoints and of the OPS dashboard: GET and HEAD, one
 * request per connection, small answers.
 *
 * <p>Made for careless and hostile clients. It listens where {@link HttpOptions} say (the
 * loopback address unless configured otherwise), asks for the bearer token when one is set, and
 * closes any connection that has not sent its request and taken the answer within its deadline.
 * It serves up to {@value #MAX_CONNECTIONS} clients at once; when every place is taken, the
 * connection that has waited longest for a whole request gives its place to the newcomer once it
 * has had {@link #GRACE}. So clients that connect and send nothing, or a byte now and then, hold
 * up no one. Every answer carries headers that keep browsers from sniffing, framing or caching it.
 */
final class OpsHttp implements AutoCloseable {

    static final int MAX_CONNECTIONS = 32;
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    /** How long a connection may take to send its request before a newcomer may take its place. */
    static final Duration GRACE = Duration.ofSeconds(1);
    private static final int MAX_HEAD_BYTES = 8 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(OpsHttp.class);

    /** A request: method, path without the query, headers by lower-case name. */
    record Request(String method, String path, Map<String, String> headers) {}

    /** An answer; its {@code headers} add to, or replace, the ones every answer carries. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Response text(int status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response json(int status, Object body) {
            try {
                return text(status, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        Response with(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(more);
            return new Response(status, contentType, body, all);
        }
    }

    /** Answers the requests of one path. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    private final class Connection {
        final Socket socket;
        final long acceptedAt = System.nanoTime();

        Connection(Socket socket) {
            this.socket = socket;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that is wanted; its worker sees the socket closed and ends.
            }
        }
    }

    private final ServerSocket server;
    private final HttpOptions options;
    private final Map<String, Handler> routes;
    private final Duration deadline;
    private final String name;
    private final byte[] tokenDigest;
    private final Semaphore places = new Semaphore(MAX_CONNECTIONS);
    /** Connections that have not sent a whole request yet, oldest first. */
    private final Deque<Connection> waitingForRequest = new ConcurrentLinkedDeque<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;
    private volatile boolean closed;

    private OpsHttp(ServerSocket server, HttpOptions options, Map<String, Handler> routes, Duration deadline, String name) {
        this.server = server;
        this.options = options;
        this.routes = Map.copyOf(routes);
        this.deadline = deadline;
        this.name = name;
        this.tokenDigest = options.token() == null ? null : sha256(options.token());
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
        return start(options, routes, DEFAULT_DEADLINE, name);
    }

    static OpsHttp start(HttpOptions options, Map<String, Handler> routes, Duration deadline, String name)
            throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(options.address(), options.port()), MAX_CONNECTIONS);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + options.address().getHostAddress() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
        OpsHttp http = new OpsHttp(server, options, routes, deadline, name);
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
                closeQuietly(socket);
                return;
            }
            Connection connection = new Connection(socket);
            waitingForRequest.add(connection);
            ScheduledFuture<?> timeout = deadlines.schedule(connection::close, deadline.toMillis(), TimeUnit.MILLISECONDS);
            workers.execute(() -> serve(connection, timeout));
        }
    }

    /** Waits for a free place; when all are taken, frees the one of the slowest client past its grace. */
    private void takePlace() throws InterruptedException {
        while (!places.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            Connection slowest = waitingForRequest.peek();
            if (slowest != null && System.nanoTime() - slowest.acceptedAt > GRACE.toNanos()) {
                waitingForRequest.remove(slowest);
                slowest.close();
            }
            if (closed) {
                throw new InterruptedException("closed");
            }
        }
    }

    private void serve(Connection connection, ScheduledFuture<?> timeout) {
        try (Socket socket = connection.socket) {
            socket.setTcpNoDelay(true);
            Request request = null;
            Response response;
            try {
                request = readRequest(new BufferedInputStream(socket.getInputStream()));
                waitingForRequest.remove(connection);
                response = respond(request);
            } catch (BadRequest e) {
                response = Response.text(e.status, "text/plain; charset=utf-8", e.getMessage() + "\n");
            }
            write(socket.getOutputStream(), response, request == null || !"HEAD".equals(request.method()));
            socket.shutdownOutput();
        } catch (IOException e) {
            // The client went away, or its deadline or a newcomer closed the connection.
        } finally {
            timeout.cancel(false);
            waitingForRequest.remove(connection);
            places.release();
        }
    }

    private Response respond(Request request) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return Response.text(405, "text/plain; charset=utf-8", "only GET and HEAD\n").with(Map.of("Allow", "GET, HEAD"));
        }
        if (!hostAllowed(request.headers().get("host"))) {
            return Response.text(421, "text/plain; charset=utf-8", "this server answers only to localhost\n");
        }
        if (!authorized(request.headers().get("authorization"))) {
            return Response.text(401, "text/plain; charset=utf-8", "a bearer token is needed\n")
                    .with(Map.of("WWW-Authenticate", "Bearer realm=\"ESS\", Basic realm=\"ESS\", charset=\"UTF-8\""));
        }
        Handler handler = routes.get(request.path());
        if (handler == null) {
            return Response.text(404, "text/plain; charset=utf-8", "not found\n");
        }
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            LOG.warn("{}: {} failed: {}", name, OneLine.of(request.path()), e.toString());
            return Response.text(500, "text/plain; charset=utf-8", "internal error\n");
        }
    }

    /**
     * On the loopback address, only requests for a loopback name: a web page in a browser on this
     * machine could otherwise read the answers by pointing a name of its own at 127.0.0.1.
     */
    private boolean hostAllowed(String host) {
        if (!options.loopbackOnly() || host == null) {
            return true;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equalsIgnoreCase("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }

    /**
     * With a token: {@code Authorization: Bearer <token>}, or Basic with the token as password so
     * that a browser can ask for it. Digests are compared, so the time taken tells nothing of the token.
     */
    private boolean authorized(String authorization) {
        if (tokenDigest == null) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        String presented = null;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                presented = credentials.substring(credentials.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return presented != null && MessageDigest.isEqual(sha256(presented), tokenDigest);
    }

    /** Reads a request's head, up to the empty line; a body is never read. */
    private static Request readRequest(InputStream in) throws IOException, BadRequest {
        StringBuilder line = new StringBuilder();
        String requestLine = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int read = 0; ; read++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed the connection");
            }
            if (read >= MAX_HEAD_BYTES) {
                throw new BadRequest(431, "the request head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            String text = line.toString().strip();
            line.setLength(0);
            if (requestLine == null) {
                requestLine = text.isEmpty() ? null : text;
            } else if (text.isEmpty()) {
                break;
            } else {
                int colon = text.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(text.substring(0, colon).strip().toLowerCase(Locale.ROOT), text.substring(colon + 1).strip());
                }
            }
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[1].startsWith("/") || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest(400, "malformed request line");
        }
        int query = parts[1].indexOf('?');
        return new Request(parts[0], query < 0 ? parts[1] : parts[1].substring(0, query), headers);
    }

    private static void write(OutputStream out, Response response, boolean withBody) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", response.contentType());
        headers.put("Content-Length", String.valueOf(response.body().length));
        headers.put("Cache-Control", "no-store");
        headers.put("Connection", "close");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        headers.putAll(response.headers());
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(response.body());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
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

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing more to do with it.
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A request this server will not serve, with the status that says why. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
