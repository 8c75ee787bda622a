package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.cli.EssMain;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.testing.BusUnderTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Crashes for real: the connector runs as its own JVM ({@link EssMain}) on RabbitMQ and is
 * killed with SIGKILL three times while it delivers 10,000 events to a JAX-WS partner. Every
 * event must arrive; the only duplicates allowed are events whose call was in flight, or whose
 * acknowledgement was not yet recorded, when a kill struck.
 */
class ConnectorKillTest {

    private static final int EVENTS = 10_000;
    private static final int KEYS = 50;
    private static final int PARALLELISM = 4;
    private static final int[] KILL_AFTER = {2_000, 5_000, 8_000};
    /**
     * Around a kill, when a call counts as in flight: it may have reached the partner up to this
     * long before the kill (far above a call plus a sent-log commit), or a little after it (the
     * partner finishes a request the dead connector had sent).
     */
    private static final long IN_FLIGHT_BEFORE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long IN_FLIGHT_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Kept when the test fails, with each connector run's log. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tempDir;

    @Test
    void killNineThreeTimesDuring10000EventsLosesNothing() throws Exception {
        String busUri = BusUnderTest.RABBITMQ.uri();
        ConnectorSpec spec = EnvironmentPermitConnector.spec("kill-" + UUID.randomUUID().toString().substring(0, 8),
                PARALLELISM, 5);
        Path database = tempDir.resolve("ess.db");
        List<Long> kills = new ArrayList<>();
        try (PermitPartner partner = PermitPartner.publish();
                PermitStream stream = new PermitStream(busUri, spec, KEYS)) {
            stream.publish(EVENTS);
            Process connector = startConnector(busUri, spec, partner, database, 0);
            try {
                for (int i = 0; i < KILL_AFTER.length; i++) {
                    int threshold = KILL_AFTER[i];
                    awaitTrue(threshold + " events at the partner", Duration.ofMinutes(1),
                            () -> stream.countsById(partner.received()).size() >= threshold);
                    connector.destroyForcibly();
                    kills.add(System.nanoTime());
                    System.out.printf("killed the connector with %d events at the partner; logs in %s%n",
                            stream.countsById(partner.received()).size(), tempDir);
                    assertTrue(connector.waitFor(10, TimeUnit.SECONDS), "the killed connector is gone");
                    assertEquals(137, connector.exitValue(), "killed by SIGKILL");
                    connector = startConnector(busUri, spec, partner, database, i + 1);
                }
                awaitTrue("all " + EVENTS + " events at the partner", Duration.ofMinutes(2),
                        () -> stream.countsById(partner.received()).size() == EVENTS);
                awaitTrue("the queue is drained", Duration.ofMinutes(1), () -> depth(stream) == 0);
            } finally {
                connector.destroy();
                connector.waitFor(20, TimeUnit.SECONDS);
                connector.destroyForcibly();
            }

            List<PermitPartner.Received> calls = partner.received();
            Map<String, Integer> counts = stream.countsById(calls);
            List<String> duplicates = counts.entrySet().stream().filter(entry -> entry.getValue() > 1)
                    .map(Map.Entry::getKey).toList();
            System.out.printf("kill -9 x%d: published %d, partner calls %d, distinct ids %d, duplicates %d%n",
                    kills.size(), EVENTS, calls.size(), counts.size(), duplicates.size());
            for (int n = 0; n < EVENTS; n++) {
                assertTrue(counts.containsKey(stream.eventId(n)), "event " + n + " reached the partner");
            }
            for (String id : duplicates) {
                long first = calls.stream().filter(call -> id.equals(call.headerEventId())).findFirst().orElseThrow()
                        .receivedNanos();
                assertTrue(kills.stream().anyMatch(kill -> first - kill < IN_FLIGHT_AFTER_NANOS
                                && kill - first < IN_FLIGHT_BEFORE_NANOS),
                        "duplicate " + id + " was in flight at a kill");
            }
            assertTrue(duplicates.size() <= kills.size() * 200,
                    duplicates.size() + " duplicates: more than in flight at " + kills.size() + " kills");
        }
        try (EventStore store = EventStore.open(database.toString(), spec.id())) {
            assertEquals(EVENTS, store.view().count(JournalStatus.SENT), "the journal knows every event as sent");
        }
    }

    private Process startConnector(String busUri, ConnectorSpec spec, PermitPartner partner, Path database, int run)
            throws Exception {
        Path services = tempDir.resolve("services/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.ess.runtime.SoapConnector"), EnvironmentPermitConnector.class.getName() + "\n");
        String classPath = tempDir.resolve("services") + File.pathSeparator + System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, EssMain.class.getName(), "--connector", spec.id())
                .redirectErrorStream(true)
                .redirectOutput(tempDir.resolve("connector-" + run + ".log").toFile());
        builder.environment().put("BUS_URL", busUri);
        builder.environment().put("TARGET_URL", partner.address());
        builder.environment().put("ESS_DB", database.toString());
        builder.environment().put("ESS_TEST_CONNECTOR_ID", spec.id());
        builder.environment().put("ESS_TEST_PARALLELISM", Integer.toString(spec.parallelism()));
        builder.environment().put("ESS_TEST_MAX_RETRY", Integer.toString(spec.maxRetry()));
        builder.environment().put("ESS_TEST_PARTNER_WSDL", partner.address() + "?wsdl");
        return builder.start();
    }

    private static long depth(PermitStream stream) {
        try {
            return stream.queueDepth();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
