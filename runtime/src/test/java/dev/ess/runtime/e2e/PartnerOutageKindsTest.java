package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.ConnectorStatus;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.testing.BusUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a partner fails for a while, made for real on a JAX-WS partner, at parallelism 1 and
 * 8, on RabbitMQ, with {@code max_retry: 2}: while every call fails the connector parks nothing
 * and says the partner is down; once the partner answers, every event arrives, each key in
 * order, without a re-drive.
 */
class PartnerOutageKindsTest {

    private static final int KEYS = 10;
    /** Far more probe intervals than max_retry allows attempts. */
    private static final Duration HOLD = Duration.ofSeconds(3);

    private static PermitPartner partner;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void publishPartner() throws Exception {
        partner = PermitPartner.publish();
    }

    @AfterAll
    static void stopPartner() {
        partner.close();
    }

    static Stream<Arguments> outages() {
        return Arrays.stream(PermitPartner.Outage.values())
                .flatMap(kind -> Stream.of(Arguments.of(kind, 1), Arguments.of(kind, 8)));
    }

    @ParameterizedTest(name = "{0} at parallelism {1}")
    @MethodSource("outages")
    void anOutageParksNothingAndEverythingArrivesInKeyOrderOnceThePartnerIsBack(PermitPartner.Outage kind,
            int parallelism) throws Exception {
        String busUri = BusUnderTest.RABBITMQ.uri();
        String id = "kinds-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .parallelism(parallelism)
                .maxRetry(2)
                .build();
        RuntimeConfig config = RuntimeConfig.builder(busUri)
                .targetUrl(partner.address())
                .database(tempDir.resolve("ess.db").toString())
                .connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(1))
                .retryDelays(Duration.ofMillis(50), Duration.ofMillis(200))
                .circuit(3, Duration.ofMillis(200))
                .shutdownTimeout(Duration.ofSeconds(10))
                .build();
        partner.reset();
        try (PermitStream stream = new PermitStream(busUri, spec, KEYS);
                ConnectorRuntime runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"),
                        config)) {
            stream.publish(20);
            awaitTrue("the first events arrive", Duration.ofSeconds(60), () -> partner.receivedCount() == 20);

            partner.startOutage(kind);
            try {
                stream.publish(40);
                awaitTrue("the connector says the partner is down", Duration.ofSeconds(20),
                        () -> !runtime.status().partnerAvailable());
                Thread.sleep(HOLD.toMillis());
                ConnectorStatus down = runtime.status();
                assertEquals(0, down.parked(), kind + ": nothing parked during the outage, " + down);
                assertFalse(down.partnerAvailable(), kind + ": still down, " + down);
            } finally {
                partner.endOutage();
            }

            stream.publish(20);
            awaitTrue("every event arrives", Duration.ofSeconds(60),
                    () -> stream.countsById(partner.received()).size() == stream.published());
            awaitTrue("the backlog drains", Duration.ofSeconds(20), () -> runtime.status().backlog() == 0);
            assertEquals(0, runtime.status().parked(), kind + ": nothing parked");
            assertEquals(List.of(), runtime.store().view().parked());
            assertEquals(List.of(), stream.keysOutOfOrder(partner.received()), kind + ": keys out of order");
            assertTrue(runtime.status().partnerAvailable(), kind + ": the circuit closed again");
        } finally {
            partner.endOutage();
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
