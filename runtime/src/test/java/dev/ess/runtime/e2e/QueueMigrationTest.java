package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.testing.BusUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector queue as releases before single-active-consumer queues declared it, holding
 * events: the connector replaces it at its first start, and every event, old and new, reaches
 * the partner once, each key in order.
 */
class QueueMigrationTest {

    private static final int KEYS = 7;

    @TempDir
    Path tempDir;

    @Test
    void anOldQueueIsReplacedWithoutLosingOrReorderingAnEvent() throws Exception {
        String busUri = BusUnderTest.RABBITMQ.uri();
        String id = "migrate-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectorSpec spec = ConnectorSpec.builder(id).listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits").fields("permit_id", "street", "truck_limit")
                .parallelism(2).build();
        try (BusConnection bus = BusConnection.open(busUri, "migration-test");
                PermitPartner partner = PermitPartner.publish()) {
            Channel channel = bus.openChannel();
            channel.confirmSelect();
            channel.exchangeDeclare(Topology.EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(spec.queue(), true, false, false, null);
            channel.queueBind(spec.queue(), Topology.EVENTS_EXCHANGE, spec.listenTopic());
            for (int n = 0; n < 300; n++) {
                publish(channel, spec, n);
            }
            RuntimeConfig config = RuntimeConfig.builder(busUri).targetUrl(partner.address())
                    .database(tempDir.resolve("ess.db").toString()).build();
            try (ConnectorRuntime runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"),
                    config)) {
                for (int n = 300; n < 400; n++) {
                    publish(channel, spec, n);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (partner.receivedCount() < 400 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                List<PermitPartner.Received> calls = partner.received();
                assertEquals(400, calls.size(), "each event once");
                for (int key = 0; key < KEYS; key++) {
                    String permit = "K-" + key;
                    List<Integer> numbers = calls.stream().filter(call -> call.permitId().equals(permit))
                            .map(call -> Integer.parseInt(call.street())).toList();
                    assertEquals(numbers.stream().sorted().toList(), numbers, permit + " in order");
                }
                Channel check = bus.openChannel();
                check.queueDeclare(spec.queue(), true, false, false, Map.of("x-single-active-consumer", true));
                assertEquals(0, check.queueDeclarePassive(spec.queue()).getMessageCount());
                check.close();
            } finally {
                channel.queueDelete(spec.queue());
            }
        }
    }

    private static void publish(Channel channel, ConnectorSpec spec, int n) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(spec.id() + "-" + n)
                .deliveryMode(2).build();
        String body = "{\"permit_id\":\"K-" + (n % KEYS) + "\",\"street\":\"" + n + "\"}";
        channel.basicPublish(Topology.EVENTS_EXCHANGE, spec.listenTopic(), properties, body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
    }
}
