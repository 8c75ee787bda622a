package dev.ess.samples.city2dmv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.testing.BusUnderTest;
import dev.ess.samples.dmv.DmvSimulator;
import dev.ess.samples.soap.dmv.Permit;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged {@code city2dmv.jar}, run as users run it ({@code java -jar} with {@code BUS_URL},
 * {@code TARGET_URL} and {@code ESS_DB}), on a real broker against the DMV simulator.
 */
class City2dmvJarIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String QUEUE = "ess.city2dmv";
    private static final Path JAR = Path.of(System.getProperty("ess.connector.jar", "target/city2dmv.jar"));

    @TempDir
    Path work;

    @AfterAll
    static void stopEmbeddedBroker() {
        BusUnderTest.stopEmbedded();
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void jarDeliversInOrderStopsOnSigtermAndNeverResends(BusUnderTest busUnderTest) throws Exception {
        String busUri = busUnderTest.uri();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = List.of("P-" + run + "-1", "P-" + run + "-2", "P-" + run + "-3");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (DmvSimulator dmv = DmvSimulator.start(0, quiet);
                EventBus bus = EventBus.connect(busUri)) {
            bus.purgeIfExists(QUEUE);
            Map<String, String> env = Map.of(
                    "BUS_URL", busUri,
                    "TARGET_URL", dmv.address(),
                    "ESS_DB", work.resolve("ess.db").toString());

            try (ConnectorProcess connector = ConnectorProcess.start(JAR, env, quiet, "")) {
                assertTrue(bus.awaitConsumer(QUEUE, TIMEOUT), "the connector consumes " + QUEUE);
                for (int i = 0; i < ids.size(); i++) {
                    bus.publish("permits.changed", "{\"permit_id\":\"" + ids.get(i)
                            + "\",\"street\":\"Elm St\",\"truck_limit\":" + (i + 1) + "}", ids.get(i));
                }
                assertTrue(dmv.awaitPermit(ids.get(2), TIMEOUT), "the DMV received " + ids.get(2));
                int exitCode = connector.stop(TIMEOUT);
                assertTrue(exitCode == 0 || exitCode == 143, "clean exit on SIGTERM, got " + exitCode);
            }
            assertEquals(0, bus.readyMessages(QUEUE), "messages left in " + QUEUE);
            assertEquals(ids, receivedOfThisRun(dmv, run), "the DMV got each permit once, in publish order");

            // Publishing the same events again (same message ids) after a restart sends nothing twice.
            try (ConnectorProcess restarted = ConnectorProcess.start(JAR, env, quiet, "")) {
                assertTrue(bus.awaitConsumer(QUEUE, TIMEOUT), "the restarted connector consumes " + QUEUE);
                bus.publish("permits.changed", "{\"permit_id\":\"" + ids.get(0)
                        + "\",\"street\":\"Elm St\",\"truck_limit\":1}", ids.get(0));
                String marker = "P-" + run + "-after-restart";
                bus.publish("permits.changed", "{\"permit_id\":\"" + marker + "\",\"street\":\"Oak St\"}", marker);
                assertTrue(dmv.awaitPermit(marker, TIMEOUT), "the DMV received " + marker);
                restarted.stop(TIMEOUT);
            }
            assertEquals(0, bus.readyMessages(QUEUE), "messages left in " + QUEUE);
            assertEquals(List.of(ids.get(0), ids.get(1), ids.get(2), "P-" + run + "-after-restart"),
                    receivedOfThisRun(dmv, run), "the replayed event was recognised and not sent again");
        }
    }

    private static List<String> receivedOfThisRun(DmvSimulator dmv, String run) {
        return dmv.received().stream().map(Permit::getID).filter(id -> id.startsWith("P-" + run)).toList();
    }
}
