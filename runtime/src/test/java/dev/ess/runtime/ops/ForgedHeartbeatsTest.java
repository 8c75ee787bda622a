package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.testing.BusUnderTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats that no connector sent, published on {@code hms.ops} of a real broker to a real
 * dashboard: what it ignores, and how much it keeps.
 */
class ForgedHeartbeatsTest {

    private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties.Builder().build();

    private OpsDashboard dashboard;
    private BusConnection publisher;
    private Channel channel;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void start() throws Exception {
        String busUri = BusUnderTest.EMBEDDED.uri();
        dashboard = OpsDashboard.start(busUri, HttpOptions.loopback(0));
        publisher = BusConnection.open(busUri, "forger");
        channel = publisher.openChannel();
        channel.confirmSelect();
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        dashboard.close();
    }

    @AfterAll
    static void stopBroker() {
        BusUnderTest.stopEmbedded();
    }

    /** Under another connector's routing key, a heartbeat is a forgery: RabbitMQ's topic permissions let a connector publish only its own. */
    @Test
    void aHeartbeatUnderAnotherConnectorsRoutingKeyIsIgnored() throws Exception {
        publish("ess.heartbeat.forger-" + suffix, beat("city2dmv-" + suffix, "host-a"));
        publish("ess.heartbeat.city2dmv-" + suffix, beat("city2dmv-" + suffix, "x".repeat(10_000)));

        List<String> shown = afterMarker();
        assertEquals(List.of("marker-" + suffix + "/host-a"), shown);
        assertEquals(2, dashboard.instances().path("ignoredHeartbeats").asInt());
    }

    @Test
    void aFloodOfForgedInstancesIsBounded() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            channel.basicPublish(Topology.OPS_EXCHANGE, "ess.heartbeat.flood-" + suffix, PROPERTIES,
                    beat("flood-" + suffix, "instance-" + i));
        }
        channel.waitForConfirmsOrDie(60_000);

        List<String> shown = afterMarker();
        assertEquals(Board.MAX_INSTANCES, shown.size());
        assertTrue(shown.contains("marker-" + suffix + "/host-a"), "the latest instance is kept");
    }

    /** What the dashboard shows, as connector/instance, once it has heard a marker heartbeat published last. */
    private List<String> afterMarker() throws Exception {
        publish("ess.heartbeat.marker-" + suffix, beat("marker-" + suffix, "host-a"));
        JsonNode instances = Await.until("the dashboard hears the marker", () -> dashboard.instances().path("instances"),
                list -> StreamSupport.stream(list.spliterator(), false)
                        .anyMatch(view -> view.path("heartbeat").path("connector").asText().equals("marker-" + suffix)));
        List<String> shown = new ArrayList<>();
        for (JsonNode view : instances) {
            String instance = view.path("heartbeat").path("instance").asText();
            shown.add(view.path("heartbeat").path("connector").asText() + "/"
                    + (instance.length() > 40 ? instance.substring(0, 40) + "..." : instance));
        }
        return shown;
    }

    private void publish(String routingKey, byte[] body) throws Exception {
        channel.basicPublish(Topology.OPS_EXCHANGE, routingKey, PROPERTIES, body);
        channel.waitForConfirmsOrDie(10_000);
    }

    private static byte[] beat(String connector, String instance) {
        return new Heartbeat(connector, instance, Heartbeat.Status.UP, true, true, null, 0, 0, 0, null, 0, 30,
                Instant.now(), 0, null, null, List.of(0), null).toBytes();
    }
}
