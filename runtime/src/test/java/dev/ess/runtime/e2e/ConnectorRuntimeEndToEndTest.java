package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.ConnectorStatus;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.RuntimeStartException;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.DeadLetterPublisher;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.store.JournalEntry;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.store.ParkedEvent;
import dev.ess.runtime.testing.BusUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The whole path, for real: a broker, the runtime, a JAX-WS partner over HTTP, a SQLite store.
 * Each case runs on the embedded broker and, when configured, on RabbitMQ.
 */
class ConnectorRuntimeEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static PermitPartner partner;

    @TempDir
    Path tempDir;

    private ConnectorRuntime runtime;
    private Duration requestTimeout = Duration.ofSeconds(5);
    private final RecordingObserver observed = new RecordingObserver();
    private BusConnection publisherConnection;
    private Channel publisher;
    private String queue;

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
        }
        if (publisher != null) {
            publisher.queueDelete(queue);
            publisherConnection.close();
        }
        partner.reset();
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void deliversAnEventToThePartnerAcksItAndMovesTheOffset(BusUnderTest bus) throws Exception {
        start(bus, 2, partner.address());

        publish("evt-1", "{\"permit_id\":\"P-778\",\"street\":\"Main St\",\"truck_limit\":5}");

        awaitTrue("the partner receives the permit", () -> partner.received().size() == 1);
        assertEquals(Arrays.asList("evt-1", "evt-1", "P-778", "Main St", 5), partner.received().get(0).content(),
                "the event id travels in the ess:EventId SOAP header");
        awaitTrue("the queue is drained and acked", () -> queueDepth() == 0);
        awaitTrue("the sent-log records the acknowledgement", () -> journalStatus("evt-1") == JournalStatus.SENT);
        JournalEntry entry = journal("evt-1");
        assertEquals(JournalStatus.SENT, entry.status());
        assertEquals(1, entry.attempts());
        assertTrue(runtime.store().view().lastSent(topic()).isPresent(), "sync_offsets updated");

        assertEquals(List.of("received evt-1", "sent evt-1 after 1 attempt(s)"), observed.steps());
        ConnectorStatus status = runtime.status();
        assertEquals(id(), status.connector());
        assertTrue(status.busConnected(), "bus connected");
        assertEquals(0, status.backlog());
        assertEquals(0, status.parked());
        assertEquals(0, status.consecutiveFailures());
        assertEquals(runtime.store().view().lastSent(topic()).orElseThrow().toEpochMilli(),
                status.lastSent().toEpochMilli());
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void sendsAnEventPublishedTwiceOnlyOnce(BusUnderTest bus) throws Exception {
        start(bus, 2, partner.address());

        publish("evt-dup", "{\"permit_id\":\"P-1\"}");
        awaitTrue("first copy sent", () -> journalStatus("evt-dup") == JournalStatus.SENT);
        publish("evt-dup", "{\"permit_id\":\"P-1\"}");
        publish("evt-next", "{\"permit_id\":\"P-2\"}");

        awaitTrue("the next event is sent", () -> journalStatus("evt-next") == JournalStatus.SENT);
        awaitTrue("the queue is drained", () -> queueDepth() == 0);
        assertEquals(List.of("P-1", "P-2"), partner.received().stream().map(PermitPartner.Received::permitId).toList());
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void idsAnEventWithoutMessageIdByItsBody(BusUnderTest bus) throws Exception {
        start(bus, 2, partner.address());

        publisher.basicPublish(Topology.EVENTS_EXCHANGE, topic(), null,
                "{\"permit_id\":\"P-9\"}".getBytes(StandardCharsets.UTF_8));

        awaitTrue("the partner receives the permit", () -> partner.received().size() == 1);
        String eventId = partner.received().get(0).eventId();
        assertEquals(64, eventId.length(), "hex SHA-256 of the body: " + eventId);
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void parksAMalformedEventAtOnce(BusUnderTest bus) throws Exception {
        start(bus, 2, partner.address());

        publish("evt-bad", "this is not JSON");
        publish("evt-missing", "{\"street\":\"Main St\"}");

        awaitTrue("both parked", () -> runtime.store().view().parked().size() == 2);
        awaitTrue("the queue is drained", () -> queueDepth() == 0);
        List<ParkedEvent> parked = runtime.store().view().parked();
        assertTrue(parked.stream().allMatch(event -> event.reason().startsWith("malformed event: ")), parked.toString());
        assertTrue(parked.stream().anyMatch(event -> event.reason().contains("permit_id")), parked.toString());
        assertEquals(0, partner.calls());
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void parksAnEventThePartnerRejectsWithItsDeclaredFault(BusUnderTest bus) throws Exception {
        start(bus, 5, partner.address());
        String deadLetters = publisher.queueDeclare().getQueue();
        publisher.queueBind(deadLetters, Topology.DEAD_LETTER_EXCHANGE, id());

        publish("evt-reject", "{\"permit_id\":\"REJECT\"}");

        awaitTrue("parked", () -> journalStatus("evt-reject") == JournalStatus.PARKED);
        ParkedEvent parked = runtime.store().view().parked().get(0);
        assertTrue(parked.reason().startsWith("partner rejected the request: PermitRejected"), parked.reason());
        assertEquals(1, parked.attempts(), "a declared fault is not retried");
        assertEquals(1, partner.calls());
        awaitTrue("the queue is drained", () -> queueDepth() == 0);

        awaitTrue("announced on " + Topology.DEAD_LETTER_EXCHANGE, () -> depth(deadLetters) == 1);
        GetResponse announced = publisher.basicGet(deadLetters, true);
        assertEquals("evt-reject", announced.getProps().getMessageId());
        assertEquals(parked.reason(), announced.getProps().getHeaders().get(DeadLetterPublisher.HEADER_REASON).toString());
        assertEquals("{\"permit_id\":\"REJECT\"}", new String(announced.getBody(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void retriesAServerFaultUntilThePartnerAccepts(BusUnderTest bus) throws Exception {
        start(bus, 5, partner.address());
        partner.failNextCalls(2);

        publish("evt-retry", "{\"permit_id\":\"P-5\"}");

        awaitTrue("sent after retries", () -> journalStatus("evt-retry") == JournalStatus.SENT);
        assertEquals(3, journal("evt-retry").attempts());
        assertEquals(1, partner.received().size());
        awaitTrue("the queue is drained", () -> queueDepth() == 0);
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void anUnreachablePartnerParksNothingAndGetsEverythingInOrderOnceBack(BusUnderTest bus) throws Exception {
        try (PermitPartner down = PermitPartner.publish()) {
            down.stop();
            start(bus, 2, down.address());

            publish("evt-a1", "{\"permit_id\":\"P-A\",\"street\":\"first\"}");
            publish("evt-b1", "{\"permit_id\":\"P-B\",\"street\":\"first\"}");
            publish("evt-a2", "{\"permit_id\":\"P-A\",\"street\":\"second\"}");
            awaitTrue("the circuit opens", () -> !runtime.status().partnerAvailable());
            awaitTrue("the messages are acked although nothing was sent", () -> queueDepth() == 0);
            // Ten probe intervals, many times max_retry=2: an outage parks nothing.
            Thread.sleep(2_000);
            ConnectorStatus during = runtime.status();
            assertEquals(3, during.backlog());
            assertEquals(0, during.parked());
            assertTrue(!during.partnerAvailable(), "partner still down");

            down.start();

            awaitTrue("all three arrive", () -> down.receivedCount() == 3);
            assertEquals(List.of("first", "second"), down.received().stream()
                    .filter(call -> call.permitId().equals("P-A")).map(PermitPartner.Received::street).toList());
            awaitTrue("the circuit closes", () -> runtime.status().partnerAvailable());
            awaitTrue("the backlog is gone", () -> runtime.status().backlog() == 0);
            assertEquals(List.of(), runtime.store().view().parked());
            assertTrue(journal("evt-a1").attempts() <= 3, "attempts in the outage did not count: " + journal("evt-a1"));
        }
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void closeKeepsUndeliveredEventsInTheJournalAndTheNextStartSendsThem(BusUnderTest bus) throws Exception {
        ConnectorSpec spec = spec(50);
        String nobodyListens = "http://127.0.0.1:" + PermitPartner.freePort() + "/permits";
        start(bus, spec, nobodyListens);
        publish("evt-stop", "{\"permit_id\":\"P-7\"}");
        awaitTrue("a first attempt failed",
                () -> runtime.store().view().find("evt-stop").map(entry -> entry.attempts() >= 1).orElse(false));
        awaitTrue("the message is acked: the journal holds it", () -> queueDepth() == 0);

        long start = System.nanoTime();
        runtime.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
                "close does not wait out the back-off or the circuit");

        start(bus, spec, partner.address());
        awaitTrue("the next start sends it", () -> journalStatus("evt-stop") == JournalStatus.SENT);
        assertEquals(List.of("P-7"), partner.received().stream().map(PermitPartner.Received::permitId).toList());
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void aPoisonEventIsParkedWhileTheRestOfItsKeyAndOtherKeysFlow(BusUnderTest bus) throws Exception {
        start(bus, 3, partner.address());
        partner.reject("POISON");

        publish("evt-p1", "{\"permit_id\":\"P-1\",\"street\":\"Main St\"}");
        publish("evt-poison", "{\"permit_id\":\"P-1\",\"street\":\"POISON\"}");
        publish("evt-p3", "{\"permit_id\":\"P-1\",\"street\":\"Elm St\"}");
        publish("evt-p4", "{\"permit_id\":\"P-2\",\"street\":\"Oak St\"}");

        awaitTrue("the others arrive", () -> partner.receivedCount() == 3);
        assertEquals(List.of("Main St", "Elm St"), partner.received().stream()
                .filter(call -> call.permitId().equals("P-1")).map(PermitPartner.Received::street).toList());
        awaitTrue("the poison is parked", () -> journalStatus("evt-poison") == JournalStatus.PARKED);
        ParkedEvent parked = runtime.store().view().parked().get(0);
        assertEquals("evt-poison", parked.eventId());
        assertTrue(parked.reason().startsWith("partner rejected the request: PermitRejected: permit P-1 is unknown"),
                parked.reason());
        assertEquals(1, parked.attempts());
        assertTrue(runtime.status().partnerAvailable(), "a rejection is an answer, not an outage");
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void aSecondInstanceOfTheConnectorOnTheSameStoreIsRefused(BusUnderTest bus) throws Exception {
        ConnectorSpec spec = spec(2);
        start(bus, spec, partner.address());

        RuntimeStartException refused = assertThrows(RuntimeStartException.class, () -> ConnectorRuntime.start(
                new PermitConnector(spec, partner.address() + "?wsdl"), config(bus.uri(), partner.address())));
        assertEquals("connector " + id() + " cannot start: connector " + id() + " is already running against the store sqlite:"
                + tempDir.resolve("ess.db") + "; run one instance per connector and store", refused.getMessage());

        publish("evt-after", "{\"permit_id\":\"P-1\"}");
        awaitTrue("the first instance still works", () -> partner.receivedCount() == 1);
    }

    /**
     * On one lane, an event the partner never answers opens the circuit like an outage would; its
     * failed probe hands the lane to another key's event, whose answer closes the circuit again,
     * and then its own failures count until it is parked.
     */
    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void anEventThePartnerNeverAnswersIsParkedOnASingleLaneWhileOtherKeysFlow(BusUnderTest bus) throws Exception {
        requestTimeout = Duration.ofMillis(500);
        partner.hangOn("HANGS", 800);
        start(bus, spec(2, 1), partner.address());

        publish("evt-hangs", "{\"permit_id\":\"P-1\",\"street\":\"HANGS\"}");
        publish("evt-other-key", "{\"permit_id\":\"P-2\",\"street\":\"Oak St\"}");
        publish("evt-same-key", "{\"permit_id\":\"P-1\",\"street\":\"Elm St\"}");

        awaitTrue("the stuck event is parked", () -> journalStatus("evt-hangs") == JournalStatus.PARKED);
        awaitTrue("the others arrive", () -> partner.receivedCount() == 2);
        assertEquals(List.of("Oak St", "Elm St"), partner.received().stream().map(PermitPartner.Received::street).toList());
        ParkedEvent parked = runtime.store().view().parked().get(0);
        assertTrue(parked.reason().startsWith("gave up after 3 attempts:"), parked.reason());
        awaitTrue("the circuit is closed", () -> runtime.status().partnerAvailable());
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void parksEventsOfTheWrongShapeWithTheReasonAndBlocksNothing(BusUnderTest bus) throws Exception {
        start(bus, 3, partner.address());

        publish("evt-truncated", "{\"permit_id\":\"P-1\",");
        publish("evt-no-key", "{\"street\":\"Main St\"}");
        publish("evt-key-object", "{\"permit_id\":{\"id\":1}}");
        publish("evt-wrong-type", "{\"permit_id\":\"P-1\",\"truck_limit\":\"five\"}");
        publish("evt-good", "{\"permit_id\":\"P-1\",\"truck_limit\":5}");

        awaitTrue("the good one arrives", () -> partner.receivedCount() == 1);
        awaitTrue("four parked", () -> runtime.store().view().parked().size() == 4);
        Map<String, String> reasons = runtime.store().view().parked().stream()
                .collect(Collectors.toMap(ParkedEvent::eventId, ParkedEvent::reason));
        assertTrue(reasons.get("evt-truncated").startsWith("malformed event: body is not valid JSON"), reasons.toString());
        assertEquals("malformed event: key field 'permit_id' is missing", reasons.get("evt-no-key"));
        assertTrue(reasons.get("evt-key-object").startsWith("malformed event: field 'permit_id' must be a string"),
                reasons.toString());
        assertTrue(reasons.get("evt-wrong-type").startsWith("malformed event: field 'truck_limit' must be a whole number"),
                reasons.toString());
        assertEquals(1, partner.calls(), "only the good event reached the partner");
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void reDrivesAParkedEventOnDemand(BusUnderTest bus) throws Exception {
        start(bus, 3, partner.address());
        partner.reject("LATER");
        publish("evt-later", "{\"permit_id\":\"P-8\",\"street\":\"LATER\"}");
        awaitTrue("parked", () -> journalStatus("evt-later") == JournalStatus.PARKED);
        assertTrue(!runtime.redrive("evt-unknown"), "only parked events are re-driven");

        partner.accept("LATER");
        assertTrue(runtime.redrive("evt-later"));

        awaitTrue("sent after the re-drive", () -> journalStatus("evt-later") == JournalStatus.SENT);
        assertEquals(List.of("evt-later"), partner.received().stream().map(PermitPartner.Received::headerEventId).toList());
        assertEquals(List.of(), runtime.store().view().parked());
        assertEquals(0, runtime.redriveAll());
    }

    private void start(BusUnderTest bus, int maxRetry, String target) throws Exception {
        start(bus, spec(maxRetry), target);
    }

    /** A topic of the connector's own: the bus is shared with other tests. */
    private static ConnectorSpec spec(int maxRetry) {
        return spec(maxRetry, 2);
    }

    private static ConnectorSpec spec(int maxRetry, int parallelism) {
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        return ConnectorSpec.builder(id)
                .listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .maxRetry(maxRetry)
                .parallelism(parallelism)
                .build();
    }

    private void start(BusUnderTest bus, ConnectorSpec spec, String target) throws Exception {
        String busUri = bus.uri();
        queue = spec.queue();
        if (publisher == null) {
            publisherConnection = BusConnection.open(busUri, "e2e-publisher");
            publisher = publisherConnection.openChannel();
            publisher.confirmSelect();
        }
        runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"), config(busUri, target),
                observed);
    }

    private RuntimeConfig config(String busUri, String target) {
        return RuntimeConfig.builder(busUri)
                .targetUrl(target)
                .database(tempDir.resolve("ess.db").toString())
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(requestTimeout)
                .retryDelays(Duration.ofMillis(50), Duration.ofMillis(200))
                .circuit(3, Duration.ofMillis(200))
                .shutdownTimeout(Duration.ofSeconds(10))
                .build();
    }

    private String topic() {
        return runtime.spec().listenTopic();
    }

    private String id() {
        return runtime.spec().id();
    }

    private void publish(String messageId, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .contentType("application/json")
                .deliveryMode(2)
                .build();
        publisher.basicPublish(Topology.EVENTS_EXCHANGE, topic(), properties,
                body.getBytes(StandardCharsets.UTF_8));
        publisher.waitForConfirmsOrDie(5_000);
    }

    private long queueDepth() {
        return depth(queue);
    }

    private long depth(String name) {
        try {
            return publisher.queueDeclarePassive(name).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JournalEntry journal(String eventId) {
        return runtime.store().view().find(eventId).orElseThrow(() -> new AssertionError("no journal entry " + eventId));
    }

    private JournalStatus journalStatus(String eventId) {
        Optional<JournalEntry> entry = runtime.store().view().find(eventId);
        return entry.map(JournalEntry::status).orElse(null);
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
