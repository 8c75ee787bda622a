package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.testing.BusUnderTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The runtime on a PostgreSQL store (when {@code ESS_IT_PG_URL} names one) and RabbitMQ: events
 * journalled, sent, recognised when published again, parked, and re-driven, in a schema of the
 * test's own.
 */
class PostgresqlStoreEndToEndTest {

    @Test
    void deliversDedupesParksAndReDrivesOnPostgresql() throws Exception {
        String busUri = BusUnderTest.RABBITMQ.uri();
        String pgUrl = System.getenv("ESS_IT_PG_URL");
        assumeTrue(pgUrl != null && !pgUrl.isBlank(), "ESS_IT_PG_URL is not set: skipping PostgreSQL");
        String schema = "ess_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(pgUrl); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String id = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .parallelism(4)
                .build();
        try (PermitPartner partner = PermitPartner.publish();
                BusConnection bus = BusConnection.open(busUri, "pg-e2e-publisher")) {
            partner.reject("LATER");
            RuntimeConfig config = RuntimeConfig.builder(busUri)
                    .targetUrl(partner.address())
                    .database(pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema)
                    .build();
            Channel channel = bus.openChannel();
            channel.confirmSelect();
            try (ConnectorRuntime runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"),
                    config)) {
                for (int n = 0; n < 100; n++) {
                    publish(channel, spec, id + "-" + n, "{\"permit_id\":\"K-" + (n % 7) + "\",\"street\":\"" + n + "\"}");
                }
                publish(channel, spec, id + "-later", "{\"permit_id\":\"K-1\",\"street\":\"LATER\"}");
                awaitTrue("100 sent", () -> runtime.store().view().count(JournalStatus.SENT) == 100);
                awaitTrue("one parked", () -> runtime.store().view().count(JournalStatus.PARKED) == 1);

                publish(channel, spec, id + "-5", "{\"permit_id\":\"K-5\",\"street\":\"5\"}");
                partner.accept("LATER");
                assertEquals(1, runtime.redriveAll());
                awaitTrue("the re-driven event sent", () -> runtime.store().view().count(JournalStatus.SENT) == 101);
                assertEquals(101, partner.receivedCount(), "the event published twice went out once");
                assertEquals(List.of(), runtime.store().view().parked());
            } finally {
                channel.queueDelete(spec.queue());
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(pgUrl); Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void publish(Channel channel, ConnectorSpec spec, String messageId, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build();
        channel.basicPublish(Topology.EVENTS_EXCHANGE, spec.listenTopic(), properties, body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
