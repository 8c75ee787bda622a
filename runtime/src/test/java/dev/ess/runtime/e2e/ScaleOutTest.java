package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.cli.EssMain;
import dev.ess.runtime.testing.BusUnderTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of one connector, each its own JVM, share a PostgreSQL store and six
 * partitions on RabbitMQ. One of them is killed with SIGKILL in the middle of the stream: the
 * others take its partitions over, and every event reaches the partner, each key in order, the
 * only repeats being events in flight at the kill: on the wire, or answered and not yet recorded.
 */
class ScaleOutTest {

    private static final int EVENTS = 6_000;
    private static final int KEYS = 120;
    private static final int PARTITIONS = 6;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tempDir;

    @Test
    void threeInstancesShareThePartitionsAndTheOthersTakeOverAKilledOnesWithinSeconds() throws Exception {
        String busUri = BusUnderTest.RABBITMQ.uri();
        String pgUrl = System.getenv("ESS_IT_PG_URL");
        assumeTrue(pgUrl != null && !pgUrl.isBlank(), "ESS_IT_PG_URL is not set: skipping the shared-store scale-out");
        String id = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        String schema = id.replace('-', '_');
        try (Connection admin = DriverManager.getConnection(pgUrl); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String database = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        ConnectorSpec spec = ConnectorSpec.builder(id).listenTopic(EnvironmentPermitConnector.topic(id))
                .targetUrl("http://manifest.invalid/permits").fields("permit_id", "street", "truck_limit")
                .parallelism(2).partitions(PARTITIONS).build();
        List<Process> instances = new ArrayList<>();
        try (PermitPartner partner = PermitPartner.publish();
                PermitStream stream = new PermitStream(busUri, spec, KEYS)) {
            partner.delayCalls(2);
            for (int i = 0; i < 3; i++) {
                instances.add(start(busUri, database, partner, id, i));
            }
            stream.publish(EVENTS);
            awaitTrue("a third of the events arrive", Duration.ofMinutes(2),
                    () -> stream.countsById(partner.received()).size() >= EVENTS / 3);
            awaitTrue("each instance delivers its share, two partitions", Duration.ofSeconds(30),
                    () -> held(0) == 2 && held(1) == 2 && held(2) == 2);
            Process killed = instances.get(0);
            killed.destroyForcibly();
            assertTrue(killed.waitFor(10, TimeUnit.SECONDS));
            long kill = System.nanoTime();
            int atKill = stream.countsById(partner.received()).size();
            awaitTrue("the others take its partitions over", Duration.ofSeconds(30), () -> held(1) + held(2) == PARTITIONS);
            System.out.printf("scale-out: killed an instance with %d of %d events at the partner; the others took over"
                    + " its partitions within %d ms%n", atKill, EVENTS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - kill));
            awaitTrue("every event arrives", Duration.ofMinutes(3),
                    () -> stream.countsById(partner.received()).size() == EVENTS);

            List<PermitPartner.Received> calls = partner.received();
            Map<String, Integer> counts = stream.countsById(calls);
            long duplicates = counts.values().stream().filter(count -> count > 1).count();
            System.out.printf("scale-out: published %d, partner calls %d, distinct %d, duplicates %d%n", EVENTS,
                    calls.size(), counts.size(), duplicates);
            assertEquals(List.of(), stream.keysOutOfFirstArrivalOrder(calls), "keys out of order");
            assertEquals(List.of(), stream.staleKeys(calls), "keys whose last call is not their newest event");
            // In flight: a call on the wire at the kill, or answered before it and not yet in the sent-log.
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                if (entry.getValue() > 1) {
                    long first = calls.stream().filter(call -> entry.getKey().equals(call.headerEventId())).findFirst()
                            .orElseThrow().receivedNanos();
                    assertTrue(first - kill < TimeUnit.SECONDS.toNanos(1) && kill - first < TimeUnit.SECONDS.toNanos(2),
                            "duplicate " + entry.getKey() + " was in flight at the kill");
                }
            }
            assertTrue(duplicates <= 500, duplicates + " duplicates: more than in flight at one kill");
        } finally {
            for (Process instance : instances) {
                instance.destroyForcibly();
            }
            try (Connection admin = DriverManager.getConnection(pgUrl); Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** How many partitions instance {@code i} delivers, as its log says. */
    private long held(int i) {
        String log = log(i);
        return log.lines().filter(line -> line.contains(": delivering partition")).count()
                - log.lines().filter(line -> line.contains(": gave partition")).count();
    }

    private String log(int i) {
        try {
            return Files.readString(tempDir.resolve("instance-" + i + ".log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private Process start(String busUri, String database, PermitPartner partner, String id, int i) throws Exception {
        Path services = tempDir.resolve("services/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.ess.runtime.SoapConnector"), EnvironmentPermitConnector.class.getName() + "\n");
        String classPath = tempDir.resolve("services") + File.pathSeparator + System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, EssMain.class.getName(), "--connector", id)
                .redirectErrorStream(true).redirectOutput(tempDir.resolve("instance-" + i + ".log").toFile());
        builder.environment().put("BUS_URL", busUri);
        builder.environment().put("TARGET_URL", partner.address());
        builder.environment().put("ESS_DB", database);
        builder.environment().put("ESS_INSTANCE", "instance-" + i);
        builder.environment().put("ESS_TEST_CONNECTOR_ID", id);
        builder.environment().put("ESS_TEST_PARALLELISM", "2");
        builder.environment().put("ESS_TEST_PARTITIONS", Integer.toString(PARTITIONS));
        builder.environment().put("ESS_TEST_PARTNER_WSDL", partner.address() + "?wsdl");
        return builder.start();
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
