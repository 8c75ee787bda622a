package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ess.broker.EmbeddedBroker;
import dev.ess.runtime.cli.EssMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops HTTP server as a careless or hostile client meets it: {@code ess ops} runs as its own
 * JVM, once as started by default and once with a token, and is probed over real sockets.
 * A connector's {@code /metrics}, {@code /health} and {@code /ready} are served the same way
 * ({@code OperationsEndToEndTest} asks them for the token).
 */
class OpsHttpSecurityTest {

    private static final Pattern DASHBOARD_LINE = Pattern.compile("ESS ops dashboard: http://localhost:(\\d+)/ .*");
    private static final String TOKEN = "Ops-Token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path tempDir;

    private static EmbeddedBroker broker;
    private static final List<Process> processes = new ArrayList<>();
    private static int open;
    private static int guarded;

    @BeforeAll
    static void startDashboards() throws Exception {
        broker = EmbeddedBroker.start();
        open = startDashboard("open", null);
        guarded = startDashboard("guarded", TOKEN);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        broker.close();
    }

    @Test
    void listensOnTheLoopbackAddressUnlessConfigured() throws Exception {
        Optional<InetAddress> external = externalAddress();
        assumeTrue(external.isPresent(), "this machine has no address besides loopback to try");
        assertThrows(ConnectException.class, () -> new Socket(external.get(), open).close(),
                "not reachable on " + external.get().getHostAddress());
        assertEquals(200, get(open, "/", null).statusCode(), "reachable on 127.0.0.1");
    }

    /** Clients that connect and send half a request hold up no one, and are cut off. */
    @Test
    void halfOpenConnectionsBlockNothing() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                idle.add(halfOpen(open));
            }
            assertEquals(200, get(open, "/api/instances", null).statusCode(), "answered beside two half-open connections");
            for (int i = 0; i < OpsHttp.MAX_CONNECTIONS + 8; i++) {
                idle.add(halfOpen(open));
            }
            assertEquals(200, get(open, "/api/instances", null).statusCode(), "answered beside more than it has places for");
            for (Socket socket : idle) {
                socket.setSoTimeout(60_000);
                assertEquals(-1, socket.getInputStream().read(), "the server closed the half-open connection");
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void servesManyClientsAtOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                statuses.add(clients.submit(() -> get(open, "/api/instances", null).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void thePageComesWithSecurityHeaders() throws Exception {
        HttpResponse<String> page = get(open, "/", null);
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.startsWith("default-src 'none'; script-src 'sha256-"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", get(open, "/api/instances", null).headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    /** A web page that points a name of its own at 127.0.0.1 (DNS rebinding) gets nothing. */
    @Test
    void answersOnlyToLocalNames() throws Exception {
        assertEquals("HTTP/1.1 421 Misdirected Request", rawGet(open, "/api/instances", "evil.example:" + open));
        assertEquals("HTTP/1.1 200 OK", rawGet(open, "/api/instances", "localhost:" + open));
        assertEquals("HTTP/1.1 200 OK", rawGet(open, "/api/instances", "127.0.0.1:" + open));
    }

    @Test
    void asksForTheTokenWhenOneIsSet() throws Exception {
        HttpResponse<String> refused = get(guarded, "/api/instances", null);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="), refused.headers().toString());
        assertEquals(401, get(guarded, "/", "Bearer wrong-token-0123456789").statusCode());
        assertEquals(401, get(guarded, "/nowhere", null).statusCode(), "no path is told apart without the token");
        assertEquals(200, get(guarded, "/api/instances", "Bearer " + TOKEN).statusCode());
        String basic = Base64.getEncoder().encodeToString(("ops:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, get(guarded, "/", "Basic " + basic).statusCode(), "a browser may send it as a password");
    }

    private static HttpResponse<String> get(int port, String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status line of a GET sent byte for byte, with this Host header. */
    private static String rawGet(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** A connection that sends the start of a request and then nothing. */
    private static Socket halfOpen(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        out.write("GET /api/instances HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static int startDashboard(String name, String token) throws Exception {
        Path log = tempDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EssMain.class.getName(), "ops", "--port", "0")
                .redirectError(log.toFile());
        builder.environment().put("BUS_URL", broker.amqpUri());
        if (token != null) {
            builder.environment().put("ESS_HTTP_TOKEN", token);
        }
        Process process = builder.start();
        processes.add(process);
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher matcher = DASHBOARD_LINE.matcher(line == null ? "" : line);
        assertTrue(matcher.matches(), "the dashboard said: " + line + "\n" + Files.readString(log));
        return Integer.parseInt(matcher.group(1));
    }
}
