package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.store.DatabaseUnderTest;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.store.ParkedEvent;
import dev.ess.runtime.testing.BusUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Events a careless or hostile publisher sends, through a real broker, the runtime and a real
 * partner, on each store: what is not exactly one JSON object is parked with the reason, an id
 * seen again with another body is kept apart and counted, and nothing stalls the intake.
 */
class HostileEventsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PermitPartner partner;

    @TempDir
    Path tempDir;

    private final RecordingObserver observed = new RecordingObserver();
    private DatabaseUnderTest database;
    private String location;
    private ConnectorRuntime runtime;
    private BusConnection publisherConnection;
    private Channel publisher;

    @BeforeAll
    static void publishPartner() throws Exception {
        partner = PermitPartner.publish();
    }

    @AfterAll
    static void stopPartnerAndBroker() {
        partner.close();
        BusUnderTest.stopEmbedded();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (runtime != null) {
            runtime.close();
            publisher.queueDelete(runtime.spec().queue());
            publisherConnection.close();
        }
        if (location != null) {
            database.drop(location);
        }
        partner.reset();
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void parksWhatIsNotOneJsonObjectWithItsKeyAndStallsOnNothing(DatabaseUnderTest db) throws Exception {
        start(db);
        String longId = "evt-" + "i".repeat(251);

        publish("evt-trailing", "{\"permit_id\":\"P-1\"} {\"permit_id\":\"P-2\"}");
        publish("evt-twice", "{\"permit_id\":\"P-1\",\"street\":\"Main St\",\"permit_id\":\"P-2\"}");
        publish("evt-long-key", "{\"permit_id\":\"" + "K".repeat(300) + "\"}");
        publish(longId, "{\"permit_id\":\"P-3\"}");
        publish("evt-good", "{\"permit_id\":\"P-4\"}");

        awaitTrue("the two good ones arrive", () -> partner.receivedCount() == 2);
        awaitTrue("three parked", () -> runtime.store().view().parked().size() == 3);
        Map<String, String> reasons = runtime.store().view().parked().stream()
                .collect(Collectors.toMap(ParkedEvent::eventId, ParkedEvent::reason));
        assertEquals(Map.of(
                "evt-trailing", "malformed event: body holds more after its JSON object",
                "evt-twice", "malformed event: field 'permit_id' is given twice",
                "evt-long-key", "malformed event: key field 'permit_id' is longer than 255 characters"), reasons);
        assertEquals(List.of("P-3", "P-4"), partner.received().stream().map(PermitPartner.Received::permitId).sorted().toList());
        String hashedId = "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(longId.getBytes(StandardCharsets.UTF_8)));
        assertTrue(partner.received().stream().anyMatch(call -> call.headerEventId().equals(hashedId)),
                "a message id longer than the journal holds goes by its hash: " + partner.received());
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void anIdSeenAgainWithAnotherBodyIsKeptApartAndCounted(DatabaseUnderTest db) throws Exception {
        start(db);
        publish("evt-1", "{\"permit_id\":\"P-1\",\"street\":\"Main St\"}");
        awaitTrue("the first is sent", () -> journalStatus("evt-1") == JournalStatus.SENT);

        publish("evt-1", "{\"permit_id\":\"P-1\",\"street\":\"Elm St\"}");
        publish("evt-1", "{\"permit_id\":\"P-1\",\"street\":\"Main St\"}");
        publish("evt-1", "{\"permit_id\":\"P-1\",\"street\":\"Elm St\"}");
        publish("evt-2", "{\"permit_id\":\"P-2\"}");

        awaitTrue("the last is sent", () -> journalStatus("evt-2") == JournalStatus.SENT);
        List<ParkedEvent> parked = runtime.store().view().parked();
        assertEquals(1, parked.size(), parked.toString());
        assertTrue(parked.get(0).eventId().matches("evt-1~[0-9a-f]{12}"), parked.get(0).eventId());
        assertEquals("message id 'evt-1' was received before with another body", parked.get(0).reason());
        assertEquals("{\"permit_id\":\"P-1\",\"street\":\"Elm St\"}", new String(parked.get(0).body(), StandardCharsets.UTF_8));
        assertEquals(List.of("Main St", "(none)"), partner.received().stream()
                .map(call -> call.street() == null ? "(none)" : call.street()).toList(), "the other body was not sent");
        Map<String, Long> steps = observed.steps().stream().collect(Collectors.groupingBy(step -> step, Collectors.counting()));
        assertEquals(Map.of("received evt-1", 1L, "sent evt-1 after 1 attempt(s)", 1L, "conflict evt-1", 2L,
                "parked " + parked.get(0).eventId(), 1L, "duplicate evt-1", 1L, "received evt-2", 1L,
                "sent evt-2 after 1 attempt(s)", 1L), steps, "both arrivals of the other body are counted, the copy parked once");
    }

    private void start(DatabaseUnderTest db) throws Exception {
        database = db;
        location = db.create(tempDir);
        String busUri = BusUnderTest.EMBEDDED.uri();
        String id = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .parallelism(2)
                .build();
        publisherConnection = BusConnection.open(busUri, "hostile-publisher");
        publisher = publisherConnection.openChannel();
        publisher.confirmSelect();
        RuntimeConfig config = RuntimeConfig.builder(busUri).targetUrl(partner.address()).database(location).build();
        runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"), config, observed);
    }

    private void publish(String messageId, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build();
        publisher.basicPublish(Topology.EVENTS_EXCHANGE, runtime.spec().listenTopic(), properties,
                body.getBytes(StandardCharsets.UTF_8));
        publisher.waitForConfirmsOrDie(5_000);
    }

    private JournalStatus journalStatus(String eventId) {
        return runtime.store().view().find(eventId).map(entry -> entry.status()).orElse(null);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
