package dev.ess.samples.city2dmv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.store.ParkedEvent;
import dev.ess.runtime.testing.BusUnderTest;
import dev.ess.samples.dmv.DmvSimulator;
import dev.ess.samples.soap.dmv.Permit;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated city2dmv connector in this JVM, on a real broker, against the DMV simulator:
 * the city publishes, the DMV receives the mapped SOAP request, the bus message is acked.
 */
class City2dmvEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String QUEUE = "ess.city2dmv";

    @TempDir
    Path work;

    @AfterAll
    static void stopEmbeddedBroker() {
        BusUnderTest.stopEmbedded();
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void permitChangeReachesTheDmvAndIsAcked(BusUnderTest busUnderTest) throws Exception {
        String busUri = busUnderTest.uri();
        String permitId = "P-" + UUID.randomUUID();
        try (DmvSimulator dmv = DmvSimulator.start(0, new PrintStream(OutputStream.nullOutputStream()));
                EventBus bus = EventBus.connect(busUri)) {
            bus.purgeIfExists(QUEUE);
            RuntimeConfig config = RuntimeConfig.builder(busUri)
                    .targetUrl(dmv.address())
                    .database(work.resolve("ess.db").toString())
                    .build();
            try (ConnectorRuntime runtime = ConnectorRuntime.start(new City2dmvConnector(), config)) {
                assertTrue(bus.awaitConsumer(QUEUE, TIMEOUT), "the connector consumes " + QUEUE);
                bus.publish("permits.changed",
                        "{\"permit_id\":\"" + permitId + "\",\"street\":\"Main St\",\"truck_limit\":5}");

                assertTrue(dmv.awaitPermit(permitId, TIMEOUT), "the DMV received " + permitId);
                Permit received = dmv.received().stream()
                        .filter(permit -> permit.getID().equals(permitId))
                        .findFirst()
                        .orElseThrow();
                assertEquals("Main St", received.getStreet());
                assertEquals(Integer.valueOf(5), received.getTruckLimit());
                assertTrue(awaitOffset(runtime), "the store records the topic's last sent event");
            }
            // With the connector gone, anything it had not acked would be back in the queue.
            assertEquals(0, bus.readyMessages(QUEUE), "messages left in " + QUEUE);
            assertEquals(1, dmv.received().stream().filter(permit -> permit.getID().equals(permitId)).count(),
                    "the DMV got " + permitId + " once");
        }
    }

    /** A street longer than the DMV's maxLength 40 is refused by the DMV's own schema before sending, and parked at once. */
    @Test
    void aRequestTheDmvSchemaRefusesIsParkedAtOnceAndNeverSent() throws Exception {
        String busUri = BusUnderTest.EMBEDDED.uri();
        String tooLong = "P-" + UUID.randomUUID();
        String fine = "P-" + UUID.randomUUID();
        try (DmvSimulator dmv = DmvSimulator.start(0, new PrintStream(OutputStream.nullOutputStream()));
                EventBus bus = EventBus.connect(busUri)) {
            bus.purgeIfExists(QUEUE);
            RuntimeConfig config = RuntimeConfig.builder(busUri)
                    .targetUrl(dmv.address())
                    .database(work.resolve("schema.db").toString())
                    .build();
            try (ConnectorRuntime runtime = ConnectorRuntime.start(new City2dmvConnector(), config)) {
                assertTrue(bus.awaitConsumer(QUEUE, TIMEOUT), "the connector consumes " + QUEUE);
                bus.publish("permits.changed", "{\"permit_id\":\"" + tooLong + "\",\"street\":\"" + "x".repeat(41) + "\"}");
                bus.publish("permits.changed", "{\"permit_id\":\"" + fine + "\",\"street\":\"" + "x".repeat(40) + "\"}");

                assertTrue(dmv.awaitPermit(fine, TIMEOUT), "the DMV received " + fine);
                ParkedEvent parked = runtime.store().view().parked().stream()
                        .filter(event -> event.eventKey().equals(tooLong))
                        .findFirst()
                        .orElseThrow();
                assertEquals(1, parked.attempts(), "parked after one attempt, never retried");
                assertEquals("the partner's schema refuses the request: cvc-maxLength-valid: Value with length = '41'"
                        + " is not facet-valid with respect to maxLength '40' for type '#AnonType_StreetPermit'.",
                        parked.reason());
            }
            assertTrue(dmv.received().stream().noneMatch(permit -> permit.getID().equals(tooLong)),
                    "the DMV never got " + tooLong);
        }
    }

    @Test
    void simulatorAnswersItsPing() throws Exception {
        try (DmvSimulator dmv = DmvSimulator.start(0, null)) {
            HttpResponse<String> pong = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(dmv.pingAddress())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, pong.statusCode());
            assertEquals("pong\n", pong.body());
        }
    }

    private static boolean awaitOffset(ConnectorRuntime runtime) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (runtime.store().view().lastSent("permits.changed").isPresent()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
