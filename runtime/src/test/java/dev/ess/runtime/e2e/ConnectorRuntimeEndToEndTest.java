package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.ConnectorStatus;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.DeadLetterPublisher;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.store.JournalEntry;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.store.ParkedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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
        assertEquals(new PermitPartner.Received("evt-1", "P-778", "Main St", 5), partner.received().get(0));
        awaitTrue("the queue is drained and acked", () -> queueDepth() == 0);
        JournalEntry entry = journal("evt-1");
        assertEquals(JournalStatus.SENT, entry.status());
        assertEquals(1, entry.attempts());
        assertTrue(runtime.store().lastSent(id(), "permits.changed").isPresent(), "sync_offsets updated");

        assertEquals(List.of("received evt-1", "sent evt-1 after 1 attempt(s)"), observed.steps());
        ConnectorStatus status = runtime.status();
        assertEquals(id(), status.connector());
        assertTrue(status.busConnected(), "bus connected");
        assertEquals(0, status.backlog());
        assertEquals(0, status.parked());
        assertEquals(0, status.consecutiveFailures());
        assertEquals(runtime.store().lastSent(id(), "permits.changed").orElseThrow().toEpochMilli(),
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

        publisher.basicPublish(Topology.EVENTS_EXCHANGE, "permits.changed", null,
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

        awaitTrue("both parked", () -> runtime.store().parked(id()).size() == 2);
        awaitTrue("the queue is drained", () -> queueDepth() == 0);
        List<ParkedEvent> parked = runtime.store().parked(id());
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
        ParkedEvent parked = runtime.store().parked(id()).get(0);
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
    void parksAfterMaxRetryWhenThePartnerIsUnreachable(BusUnderTest bus) throws Exception {
        String nobodyListens = "http://127.0.0.1:" + PermitPartner.freePort() + "/permits";
        start(bus, 2, nobodyListens);

        publish("evt-down", "{\"permit_id\":\"P-6\"}");

        awaitTrue("parked", () -> journalStatus("evt-down") == JournalStatus.PARKED);
        ParkedEvent parked = runtime.store().parked(id()).get(0);
        assertEquals(3, parked.attempts(), "one attempt and max_retry=2 retries");
        assertTrue(parked.reason().startsWith("gave up after 3 attempts: cannot connect"), parked.reason());
        assertTrue(runtime.store().lastSent(id(), "permits.changed").isEmpty());
        awaitTrue("the queue is drained", () -> queueDepth() == 0);
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void closeLeavesUndeliveredEventsOnTheQueue(BusUnderTest bus) throws Exception {
        String nobodyListens = "http://127.0.0.1:" + PermitPartner.freePort() + "/permits";
        start(bus, 50, nobodyListens);
        publish("evt-stop", "{\"permit_id\":\"P-7\"}");
        awaitTrue("a first attempt failed",
                () -> runtime.store().find(id(), "evt-stop").map(entry -> entry.attempts() >= 1).orElse(false));

        long start = System.nanoTime();
        runtime.close();

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
                "close does not wait out the back-off");
        awaitTrue("the message is back on the queue", () -> queueDepth() == 1);
    }

    private void start(BusUnderTest bus, int maxRetry, String target) throws Exception {
        String busUri = bus.uri();
        ConnectorSpec spec = ConnectorSpec.builder("e2e-" + UUID.randomUUID().toString().substring(0, 8))
                .listenTopic("permits.changed")
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .maxRetry(maxRetry)
                .parallelism(2)
                .build();
        queue = spec.queue();
        publisherConnection = BusConnection.open(busUri, "e2e-publisher");
        publisher = publisherConnection.openChannel();
        publisher.confirmSelect();

        RuntimeConfig config = RuntimeConfig.builder(busUri)
                .targetUrl(target)
                .database(tempDir.resolve("ess.db").toString())
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .retryDelays(Duration.ofMillis(50), Duration.ofMillis(200))
                .shutdownTimeout(Duration.ofSeconds(10))
                .build();
        runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"), config, observed);
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
        publisher.basicPublish(Topology.EVENTS_EXCHANGE, "permits.changed", properties,
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
        return runtime.store().find(id(), eventId).orElseThrow(() -> new AssertionError("no journal entry " + eventId));
    }

    private JournalStatus journalStatus(String eventId) {
        Optional<JournalEntry> entry = runtime.store().find(id(), eventId);
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
