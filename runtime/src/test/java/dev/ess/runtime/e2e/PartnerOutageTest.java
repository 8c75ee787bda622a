package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.ConnectorStatus;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.testing.BusUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partner stopped for real for three minutes in the middle of a steady stream, on RabbitMQ,
 * at parallelism 8 with {@code max_retry: 3}: the connector keeps acking what arrives, parks
 * nothing, and once the partner is back delivers everything by itself, each key in order.
 */
class PartnerOutageTest {

    private static final Duration OUTAGE = Duration.ofMinutes(3);
    private static final int KEYS = 40;
    /** Events published every 100 ms, before, during and after the outage. */
    private static final int PER_TICK = 5;

    @TempDir
    Path tempDir;

    @Test
    void aThreeMinuteOutageParksNothingAndEverythingArrivesInKeyOrderAfterwards() throws Exception {
        String busUri = BusUnderTest.RABBITMQ.uri();
        String id = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .parallelism(8)
                .maxRetry(3)
                .build();
        RecordingObserver observed = new RecordingObserver();
        try (PermitPartner partner = PermitPartner.publish();
                PermitStream stream = new PermitStream(busUri, spec, KEYS)) {
            RuntimeConfig config = RuntimeConfig.builder(busUri)
                    .targetUrl(partner.address())
                    .database(tempDir.resolve("ess.db").toString())
                    .connectTimeout(Duration.ofSeconds(1))
                    .requestTimeout(Duration.ofSeconds(5))
                    .retryDelays(Duration.ofMillis(100), Duration.ofSeconds(2))
                    .circuit(3, Duration.ofSeconds(1))
                    .build();
            try (ConnectorRuntime runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"),
                    config, observed)) {
                publishFor(stream, Duration.ofSeconds(5));
                awaitTrue("the first events arrive", Duration.ofSeconds(30), () -> partner.receivedCount() > 0);

                partner.stop();
                long outageEnds = System.nanoTime() + OUTAGE.toNanos();
                publishFor(stream, Duration.ofSeconds(10));
                ConnectorStatus down = runtime.status();
                assertTrue(!down.partnerAvailable(), "the circuit is open: " + down);
                int sentBefore = partner.receivedCount();
                long maxQueueDepth = 0;
                while (System.nanoTime() < outageEnds) {
                    stream.publish(PER_TICK);
                    maxQueueDepth = Math.max(maxQueueDepth, stream.queueDepth());
                    Thread.sleep(100);
                }
                ConnectorStatus atTheEnd = runtime.status();
                System.out.printf("outage: %d events published, %d sent before it, backlog %d at its end,"
                        + " at most %d messages waiting on the queue%n", stream.published(), sentBefore,
                        atTheEnd.backlog(), maxQueueDepth);
                assertEquals(0, atTheEnd.parked(), "nothing parked during the outage");
                assertTrue(atTheEnd.backlog() > 1_000, "events kept being accepted: " + atTheEnd);
                assertTrue(maxQueueDepth < 500, "messages are not held on the queue: " + maxQueueDepth);

                partner.start();
                publishFor(stream, Duration.ofSeconds(5));
                awaitTrue("every event arrives", Duration.ofMinutes(2),
                        () -> stream.countsById(partner.received()).size() == stream.published());
                awaitTrue("the backlog drains", Duration.ofSeconds(30), () -> runtime.status().backlog() == 0);

                List<PermitPartner.Received> calls = partner.received();
                Map<String, Integer> counts = stream.countsById(calls);
                long duplicates = counts.values().stream().filter(count -> count > 1).count();
                System.out.printf("outage: published %d, partner calls %d, distinct %d, duplicates %d, parked %d%n",
                        stream.published(), calls.size(), counts.size(), duplicates, runtime.status().parked());
                assertEquals(0, runtime.status().parked());
                assertEquals(List.of(), runtime.store().view().parked());
                assertTrue(observed.steps().stream().noneMatch(step -> step.startsWith("parked")), "observer saw no park");
                assertEquals(List.of(), stream.keysOutOfOrder(calls), "keys whose events arrived out of order");
                assertTrue(runtime.status().partnerAvailable(), "the circuit closed again");
            }
        }
    }

    private static void publishFor(PermitStream stream, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            stream.publish(PER_TICK);
            Thread.sleep(100);
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
