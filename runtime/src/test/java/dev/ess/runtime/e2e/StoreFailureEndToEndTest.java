package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.RuntimeStartException;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.ops.ConnectorMetrics;
import dev.ess.runtime.ops.HttpOptions;
import dev.ess.runtime.ops.Operations;
import dev.ess.runtime.ops.OpsDashboard;
import dev.ess.runtime.ops.OpsOptions;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.testing.BusUnderTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store on a real file system that fills up (a small tmpfs): the connector says so everywhere
 * an operator looks (readiness, metrics, heartbeat, dashboard), refuses to start on it, and goes
 * on by itself once there is room again. Skipped where tmpfs cannot be mounted (not root).
 */
class StoreFailureEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PermitPartner partner;

    @TempDir
    Path tempDir;

    private SmallDisk disk;
    private ConnectorRuntime runtime;
    private Operations operations;
    private OpsDashboard dashboard;
    private EventStore holder;

    @BeforeAll
    static void publishPartner() throws Exception {
        partner = PermitPartner.publish();
    }

    @AfterAll
    static void stopPartnerAndBroker() {
        partner.close();
        BusUnderTest.stopEmbedded();
    }

    @BeforeEach
    void mountASmallDisk() throws Exception {
        Optional<SmallDisk> mounted = SmallDisk.mount(tempDir.resolve("disk"), "2m");
        assumeTrue(mounted.isPresent(), "cannot mount a tmpfs here (needs root): skipping the full-disk tests");
        disk = mounted.get();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable each : new AutoCloseable[] {operations, runtime, dashboard, holder}) {
            if (each != null) {
                each.close();
            }
        }
        if (disk != null) {
            disk.free();
            disk.close();
        }
        partner.reset();
    }

    @Test
    void aStoreThatCannotBeWrittenIsNotReadyRedAndSaysWhyUntilThereIsRoomAgain() throws Exception {
        ConnectorSpec spec = spec();
        start(spec);
        publish(spec, "evt-1", "P-1");
        await("the first event is sent", partner::receivedCount, count -> count == 1);
        assertEquals(200, get("/ready").statusCode());

        disk.fill();
        for (int i = 2; i <= 5; i++) {
            publish(spec, "evt-" + i, "P-" + i);
        }

        HttpResponse<String> ready = await("/ready says the store cannot be written", () -> get("/ready"),
                response -> response.statusCode() == 503);
        JsonNode why = JSON.readTree(ready.body());
        assertTrue(why.path("reasons").toString().contains("the store cannot be written: [SQLITE_FULL]"), ready.body());
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains(metric(spec, "ess_store_writable", "0.0")), metrics);
        assertTrue(metrics.contains("ess_store_problem{connector=\"" + spec.id() + "\",problem=\"disk_full\"} 1.0"), metrics);
        assertTrue(metrics.contains(metric(spec, "ess_connector_up", "0.0")), metrics);
        assertEquals("STORE_FAILING", why.path("heartbeat").path("status").asText());
        JsonNode box = await("the dashboard shows the connector red", () -> box(spec), view -> view.path("state").asText().equals("red"));
        assertTrue(box.path("reason").asText().startsWith("store cannot be written: [SQLITE_FULL]"), box.toString());
        assertEquals(1, partner.receivedCount(), "nothing it could not journal was sent");

        disk.free();
        await("every event is sent once there is room", partner::receivedCount, count -> count == 5);
        await("/ready is 200 again", () -> get("/ready").statusCode(), status -> status == 200);
        await("the box is green again", () -> box(spec).path("state").asText(), "green"::equals);
    }

    /** A store whose files are there but whose disk is full opens, and then could take no event. */
    @Test
    void aStoreThatCannotBeWrittenStopsTheStart() throws Exception {
        ConnectorSpec spec = spec();
        // Another connection keeps the store's WAL files, as after a crash: opening needs no room.
        holder = EventStore.open(store(), "holder");
        disk.fill();

        RuntimeStartException refused = assertThrows(RuntimeStartException.class, () -> start(spec));
        assertTrue(refused.getMessage().startsWith("connector " + spec.id() + " cannot start: store sqlite:" + store()
                + ": cannot write: [SQLITE_FULL]"), refused.getMessage());

        disk.free();
        start(spec);
        publish(spec, "evt-1", "P-1");
        await("the event is sent", partner::receivedCount, count -> count == 1);
    }

    private ConnectorSpec spec() {
        String id = "store-" + UUID.randomUUID().toString().substring(0, 8);
        return ConnectorSpec.builder(id)
                .listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .heartbeatSec(1)
                .build();
    }

    private String store() {
        return disk.path().resolve("ess.db").toString();
    }

    private void start(ConnectorSpec spec) throws Exception {
        String busUri = BusUnderTest.EMBEDDED.uri();
        RuntimeConfig config = RuntimeConfig.builder(busUri).targetUrl(partner.address()).database(store())
                .retryDelays(Duration.ofMillis(50), Duration.ofMillis(200)).httpPort(0).build();
        ConnectorMetrics metrics = new ConnectorMetrics(spec.id());
        runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"), config, metrics);
        operations = Operations.start(runtime, config, metrics, new OpsOptions("disk-test", HttpOptions.loopback(0),
                Duration.ofSeconds(1)));
        dashboard = OpsDashboard.start(busUri, HttpOptions.loopback(0));
    }

    private void publish(ConnectorSpec spec, String eventId, String permitId) throws Exception {
        try (BusConnection bus = BusConnection.open(BusUnderTest.EMBEDDED.uri(), "disk-test-publisher")) {
            Channel channel = bus.openChannel();
            channel.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(eventId).deliveryMode(2).build();
            // A body of some size, so that journalling it needs room.
            channel.basicPublish(Topology.EVENTS_EXCHANGE, spec.listenTopic(), properties,
                    ("{\"permit_id\":\"" + permitId + "\",\"street\":\"" + "x".repeat(8_000) + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    /** The connector's box as the dashboard's page reads it. */
    private JsonNode box(ConnectorSpec spec) {
        JsonNode instances;
        try {
            instances = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "api/instances")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        for (JsonNode view : instances.path("instances")) {
            if (view.path("heartbeat").path("connector").asText().equals(spec.id())) {
                return view;
            }
        }
        return JSON.createObjectNode();
    }

    private static String metric(ConnectorSpec spec, String name, String value) {
        return name + "{connector=\"" + spec.id() + "\"} " + value + "\n";
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(operations.httpUrl() + path.substring(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static <T> T await(String what, Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; last seen: " + last);
            }
            Thread.sleep(50);
            last = value.get();
        }
        return last;
    }
}
