package dev.ess.runtime.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A connector's ops endpoints on the JDK's HTTP server:
 * <ul>
 *   <li>{@code /metrics}: every metric in the Prometheus text format
 *   <li>{@code /health}: liveness; 200 while the connector's status can be read, else 503
 *   <li>{@code /ready}: 200 only while the bus is connected, the partner's circuit is closed
 *       and events are not all being parked, else 503; the JSON body says why
 * </ul>
 */
final class OpsHttpServer implements AutoCloseable {

    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static OpsHttpServer start(int port, ConnectorMetrics metrics, HeartbeatSource source) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "ess-" + metrics.connector() + "-ops-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_CONTENT_TYPE,
                metrics.scrape()));
        server.createContext("/health", exchange -> health(exchange, source));
        server.createContext("/ready", exchange -> ready(exchange, source));
        server.start();
        return new OpsHttpServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, HeartbeatSource source) throws IOException {
        Heartbeat heartbeat = source.current();
        String error = source.statusError();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", error == null ? "UP" : "DOWN");
        body.put("connector", heartbeat.connector());
        body.put("instance", heartbeat.instance());
        if (error != null) {
            body.put("reason", "cannot read the connector's status: " + error);
        }
        respondJson(exchange, error == null ? 200 : 503, body);
    }

    private static void ready(HttpExchange exchange, HeartbeatSource source) throws IOException {
        Heartbeat heartbeat = source.current();
        List<String> reasons = new ArrayList<>();
        if (!heartbeat.busConnected()) {
            reasons.add("the bus connection is closed"
                    + (heartbeat.busFailure() == null ? "" : " (" + heartbeat.busFailure() + "); reconnecting"));
        }
        if (!heartbeat.partnerAvailable()) {
            reasons.add("the partner's circuit is open: calls to it are paused"
                    + (heartbeat.partnerFailure() == null ? "" : " (" + heartbeat.partnerFailure() + ")"));
        }
        if (heartbeat.status() == Heartbeat.Status.PARKING) {
            reasons.add(heartbeat.parkedSinceLastSent() + " events parked in a row, none sent since: see the parked reasons");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("ready", reasons.isEmpty());
        body.put("connector", heartbeat.connector());
        body.put("instance", heartbeat.instance());
        ArrayNode why = body.putArray("reasons");
        reasons.forEach(why::add);
        body.set("heartbeat", heartbeat.toJson());
        respondJson(exchange, reasons.isEmpty() ? 200 : 503, body);
    }

    static void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
        respond(exchange, status, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
