package dev.ess.runtime.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ess.runtime.OneLine;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OPS dashboard: listens to every connector's heartbeats on {@code hms.ops} and serves a
 * page with one box per connector instance, green while heartbeats arrive on time, amber while
 * the partner is failing, red once heartbeats stopped. The page polls {@code /api/instances}
 * every second, so it updates without reloading.
 *
 * <p>Run it with {@code ess ops} ({@code java -jar <connector>.jar ops}, see {@code EssMain}).
 */
public final class OpsDashboard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsDashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "dashboard.html";

    private final Board board = new Board();
    private final Clock clock;
    private final String page;
    private BusConnection bus;
    private HttpServer server;
    private ExecutorService executor;

    private OpsDashboard(Clock clock, String page) {
        this.clock = clock;
        this.page = page;
    }

    /**
     * Connects to the bus, binds a private queue to every heartbeat and serves the page.
     *
     * @param port the HTTP port, 0 for any free port
     * @throws IOException when the port cannot be bound or the bus refuses the queue
     * @throws dev.ess.runtime.bus.BusException when the bus cannot be reached
     */
    public static OpsDashboard start(String busUrl, int port) throws IOException {
        OpsDashboard dashboard = new OpsDashboard(Clock.systemUTC(), readPage());
        try {
            dashboard.listen(busUrl);
            dashboard.serve(port);
            return dashboard;
        } catch (IOException | RuntimeException e) {
            dashboard.close();
            throw e;
        }
    }

    private void listen(String busUrl) throws IOException {
        bus = BusConnection.open(busUrl, "ess-ops-dashboard");
        Channel channel = bus.openChannel();
        OpsTopology.declareOpsExchange(channel);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, Topology.OPS_EXCHANGE, OpsTopology.ALL_HEARTBEATS);
        channel.basicConsume(queue, true, "ess-ops-dashboard", new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                    byte[] body) {
                try {
                    board.record(Heartbeat.parse(body), clock.instant());
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignored a message on {} '{}': {}", Topology.OPS_EXCHANGE,
                            OneLine.of(envelope.getRoutingKey()), OneLine.of(e.getMessage()));
                }
            }
        });
    }

    private void serve(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "ess-ops-dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::page);
        server.createContext("/api/instances", exchange -> OpsHttpServer.respondJson(exchange, 200, instances()));
        server.start();
    }

    private void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"/".equals(path) && !"/index.html".equals(path)) {
            try (exchange) {
                exchange.sendResponseHeaders(404, -1);
            }
            return;
        }
        OpsHttpServer.respond(exchange, 200, "text/html; charset=utf-8", page);
    }

    /** What the page shows: whether the dashboard hears the bus, and every instance. */
    ObjectNode instances() {
        Instant now = clock.instant();
        ObjectNode body = JSON.createObjectNode();
        body.put("busConnected", bus != null && bus.isOpen());
        body.put("now", now.toString());
        ArrayNode list = body.putArray("instances");
        for (InstanceView view : board.view(now)) {
            ObjectNode node = list.addObject();
            node.put("state", view.state().name().toLowerCase(java.util.Locale.ROOT));
            node.put("reason", view.reason());
            node.put("secondsSinceHeartbeat", view.secondsSinceHeartbeat());
            node.set("heartbeat", view.heartbeat().toJson());
        }
        return body;
    }

    /** The page's address on this machine. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String busDisplayUri() {
        return bus.displayUri();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (bus != null) {
            try {
                bus.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot close the dashboard's bus connection: {}", e.toString());
            }
        }
    }

    private static String readPage() {
        try (InputStream in = OpsDashboard.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
