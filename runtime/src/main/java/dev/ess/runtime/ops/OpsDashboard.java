package dev.ess.runtime.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ess.runtime.OneLine;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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

    /** Far more than a heartbeat's few hundred bytes. */
    private static final int MAX_HEARTBEAT_BYTES = 4 * 1024;
    private static final int PREFETCH = 256;

    private final Board board = new Board();
    private final AtomicLong ignored = new AtomicLong();
    private final Clock clock;
    private final String page;
    private BusConnection bus;
    private OpsHttp http;

    private OpsDashboard(Clock clock, String page) {
        this.clock = clock;
        this.page = page;
    }

    /**
     * Connects to the bus, binds a private queue to every heartbeat and serves the page.
     *
     * @param options where the page listens and whom it answers
     * @throws IOException when the port cannot be bound or the bus refuses the queue
     * @throws dev.ess.runtime.bus.BusException when the bus cannot be reached
     */
    public static OpsDashboard start(String busUrl, HttpOptions options) throws IOException {
        OpsDashboard dashboard = new OpsDashboard(Clock.systemUTC(), readPage());
        try {
            dashboard.listen(busUrl);
            dashboard.serve(options);
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
        // Acked one by one after a prefetch: a flood waits in the broker, not in this process.
        channel.basicQos(PREFETCH);
        channel.basicConsume(queue, false, "ess-ops-dashboard", new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                    byte[] body) throws IOException {
                hear(envelope.getRoutingKey(), body);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
    }

    /**
     * Records a heartbeat, unless it is too large, malformed, or names a connector other than its
     * routing key does: with RabbitMQ's topic permissions a connector may publish only under its
     * own routing key, so a heartbeat under another's is a forgery.
     */
    private void hear(String routingKey, byte[] body) {
        String why;
        if (body.length > MAX_HEARTBEAT_BYTES) {
            why = body.length + " bytes, more than a heartbeat has";
        } else {
            try {
                Heartbeat heartbeat = Heartbeat.parse(body);
                if (routingKey.equals(Heartbeat.routingKey(heartbeat.connector()))) {
                    board.record(heartbeat, clock.instant());
                    return;
                }
                why = "the routing key names another connector than '" + heartbeat.connector() + "'";
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        // The first, then one in a thousand: a flood of them must not flood the log.
        long count = ignored.incrementAndGet();
        if (count == 1 || count % 1_000 == 0) {
            LOG.warn("ignored a message on {} '{}' ({} ignored so far): {}", Topology.OPS_EXCHANGE,
                    OneLine.of(routingKey), count, OneLine.of(why));
        }
    }

    private void serve(HttpOptions options) throws IOException {
        OpsResponse page = OpsResponse.text(200, "text/html; charset=utf-8", this.page)
                .with(Map.of("Content-Security-Policy", contentSecurityPolicy(this.page)));
        http = OpsHttp.start(options, Map.of(
                "/", request -> page,
                "/index.html", request -> page,
                "/api/instances", request -> OpsResponse.json(200, instances())), "ess-ops-dashboard");
    }

    /**
     * The page may run only its own script and style, fetch only from this server, and be framed
     * by no other page; a heartbeat's text can then never become code, even if the page had a bug.
     */
    static String contentSecurityPolicy(String page) {
        return "default-src 'none'; script-src " + inlineHash(page, "script") + "; style-src " + inlineHash(page, "style")
                + "; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String inlineHash(String page, String element) {
        int start = page.indexOf('>', page.indexOf("<" + element)) + 1;
        int end = page.indexOf("</" + element + ">", start);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(page.substring(start, end).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What the page shows: whether the dashboard hears the bus, and every instance. */
    ObjectNode instances() {
        Instant now = clock.instant();
        ObjectNode body = JSON.createObjectNode();
        body.put("busConnected", bus != null && bus.isOpen());
        body.put("now", now.toString());
        body.put("ignoredHeartbeats", ignored.get());
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

    /** The page's address, e.g. {@code http://localhost:8080/}. */
    public String url() {
        return http.url();
    }

    public int port() {
        return http.port();
    }

    public String busDisplayUri() {
        return bus.displayUri();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
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
