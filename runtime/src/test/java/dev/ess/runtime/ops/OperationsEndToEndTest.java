package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.sun.net.httpserver.HttpServer;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.e2e.PermitConnector;
import dev.ess.runtime.e2e.PermitPartner;
import dev.ess.runtime.testing.BusUnderTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real connector with its ops side on a real broker: heartbeats read back from
 * {@code hms.ops}, metric values scraped from {@code /metrics}, {@code /health} and
 * {@code /ready} asked over HTTP, the partner's ping served by a real HTTP server.
 */
class OperationsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PermitPartner partner;

    @TempDir
    Path tempDir;

    private String id;
    private String busUri;
    private HttpServer pingServer;
    private ConnectorRuntime runtime;
    private Operations operations;
    private HeartbeatListener heartbeats;

    @BeforeAll
    static void startPartner() throws IOException {
        partner = PermitPartner.publish();
    }

    @AfterAll
    static void stopPartnerAndBroker() {
        partner.close();
        BusUnderTest.stopEmbedded();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (operations != null) {
            operations.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (heartbeats != null) {
            heartbeats.close();
        }
        if (pingServer != null) {
            pingServer.stop(0);
        }
        if (busUri != null) {
            try (BusConnection bus = BusConnection.open(busUri, "ops-test-cleanup")) {
                Channel channel = bus.openChannel();
                channel.queueDelete("ess." + id);
            }
        }
        partner.reset();
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void heartbeatsAndMetricsFollowTheDeliveries(BusUnderTest broker) throws Exception {
        start(broker);

        Heartbeat first = heartbeats.next("saying the connector is up", beat -> beat.status() == Heartbeat.Status.UP);
        assertEquals(id, first.connector());
        assertEquals("ops-test-instance", first.instance());
        assertTrue(first.busConnected() && first.partnerAvailable(), first.toString());
        assertEquals(Boolean.TRUE, first.partnerAnswers(), "the ping server answers");
        assertEquals(0, first.backlog());
        assertEquals(0, first.parked());
        assertNull(first.lastSent());
        assertEquals(1, first.heartbeatSec());

        publish("evt-1", "REJECT");
        Await.until("the rejected event is parked", this::scrape, text -> text.contains(metric("ess_events_parked_total", "1.0")));
        partner.failNextCalls(1);
        publish("evt-2", "P-2");
        publish("evt-3", "P-3");
        String scrape = Await.until("the three events are settled", this::scrape,
                text -> text.contains(metric("ess_events_sent_total", "2.0"))
                        && text.contains(metric("ess_events_parked_total", "1.0")));
        assertTrue(scrape.contains(metric("ess_events_received_total", "3.0")), scrape);
        assertTrue(scrape.contains(metric("ess_delivery_retries_total", "1.0")), scrape);
        assertTrue(scrape.contains(metric("ess_events_failed_total", "2.0")), "one retry, one rejection\n" + scrape);
        assertTrue(scrape.contains(metric("ess_delivery_latency_seconds_count", "2")), scrape);
        assertTrue(scrape.contains(metric("ess_connector_up", "1.0")), scrape);
        assertTrue(scrape.contains(metric("ess_partner_up", "1.0")), scrape);
        assertTrue(scrape.contains("# TYPE ess_delivery_latency_seconds histogram"), scrape);
        // The gauges read a status snapshot up to a second old.
        scrape = Await.until("the gauges show everything settled", this::scrape,
                text -> text.contains(metric("ess_parked_events", "1.0"))
                        && text.contains(metric("ess_backlog_events", "0.0"))
                        && text.contains(metric("ess_partner_consecutive_failures", "0.0")));
        assertTrue(scrape.contains(metric("ess_lag_seconds", "0.0")), scrape);
        assertTrue(scrape.lines().anyMatch(line -> line.startsWith("ess_last_sent_timestamp_seconds{connector=\"" + id
                + "\"} 1.")), scrape);

        Heartbeat afterSends = heartbeats.next("with the sends and the parked event",
                beat -> beat.lastSent() != null && beat.parked() == 1 && beat.consecutiveFailures() == 0);
        assertEquals(Heartbeat.Status.UP, afterSends.status());
        assertEquals(0, afterSends.consecutiveFailures());
        assertEquals(0, afterSends.backlog());

        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("UP", JSON.readTree(health.body()).path("status").asText());
        HttpResponse<String> ready = get("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(JSON.readTree(ready.body()).path("ready").asBoolean(), ready.body());

        pingServer.stop(0);
        Heartbeat unanswered = heartbeats.next("saying the ping is not answered",
                beat -> Boolean.FALSE.equals(beat.partnerAnswers()));
        assertEquals(Heartbeat.Status.PARTNER_FAILING, unanswered.status());
        Await.until("ess_partner_up falls to 0", this::scrape, text -> text.contains(metric("ess_partner_up", "0.0")));

        operations.close();
        heartbeats.next("saying the instance stopped", beat -> beat.status() == Heartbeat.Status.STOPPED);
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void notReadyOnceTheConnectorLostItsBus(BusUnderTest broker) throws Exception {
        start(broker);
        assertEquals(200, get("/ready").statusCode());

        runtime.close();
        HttpResponse<String> ready = Await.until("/ready answers 503", () -> get("/ready"),
                response -> response.statusCode() == 503);
        JsonNode body = JSON.readTree(ready.body());
        assertEquals(false, body.path("ready").asBoolean());
        assertEquals("the bus connection is closed", body.path("reasons").path(0).asText(), ready.body());
        assertTrue(scrape().contains(metric("ess_connector_up", "0.0")));
        heartbeats.next("saying the bus is disconnected", beat -> !beat.busConnected());
    }

    /** The wrong path on the partner's server answers HTTP 404: partner-wide, never the event's fault. */
    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void aWrongPartnerAddressParksNothingAndIsNeitherReadyNorGreen(BusUnderTest broker) throws Exception {
        start(broker, partner.address().replace("/permits", "/moved/permits"));
        for (int n = 0; n < 10; n++) {
            publish("evt-" + n, "P-" + n);
        }
        Heartbeat failing = heartbeats.next("saying the partner is down",
                beat -> !beat.partnerAvailable() && beat.partnerFailure() != null);
        assertEquals(Heartbeat.Status.PARTNER_FAILING, failing.status());
        assertTrue(failing.partnerFailure().startsWith("HTTP status 404"), failing.partnerFailure());
        assertEquals(InstanceView.State.AMBER, InstanceView.of(failing, failing.sentAt(), failing.sentAt()).state());
        HttpResponse<String> ready = get("/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(JSON.readTree(ready.body()).path("reasons").path(0).asText().contains("HTTP status 404"), ready.body());
        Heartbeat later = heartbeats.next("after several probes", beat -> beat.consecutiveFailures() >= 5);
        assertEquals(0, later.parked(), "nothing is parked for the partner's fault");
        assertEquals(10, later.backlog());
        assertTrue(scrape().contains(metric("ess_partner_up", "0.0")));
    }

    @ParameterizedTest
    @EnumSource(BusUnderTest.class)
    void aConnectorThatParksEveryEventIsNeitherReadyNorGreen(BusUnderTest broker) throws Exception {
        start(broker);
        for (int n = 0; n < Heartbeat.PARKING_ALARM; n++) {
            publish("evt-" + n, "REJECT");
        }
        Heartbeat parking = heartbeats.next("saying it parks everything", beat -> beat.status() == Heartbeat.Status.PARKING);
        assertEquals(Heartbeat.PARKING_ALARM, parking.parkedSinceLastSent());
        assertEquals(InstanceView.State.AMBER, InstanceView.of(parking, parking.sentAt(), parking.sentAt()).state());
        HttpResponse<String> ready = Await.until("/ready answers 503", () -> get("/ready"),
                response -> response.statusCode() == 503);
        assertTrue(ready.body().contains("events parked in a row, none sent since"), ready.body());

        publish("evt-good", "P-1");
        heartbeats.next("up again once an event is sent", beat -> beat.status() == Heartbeat.Status.UP);
        assertEquals(200, Await.until("/ready answers 200", () -> get("/ready"),
                response -> response.statusCode() == 200).statusCode());
    }

    @Test
    void theEndpointsAskForTheTokenWhenOneIsSet() throws Exception {
        start(BusUnderTest.EMBEDDED, new HttpOptions(InetAddress.getLoopbackAddress(), 0, "metrics-token-0123456789"));

        assertEquals(401, get("/metrics").statusCode());
        assertEquals(401, get("/ready").statusCode());
        HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(operations.httpUrl() + "metrics"))
                .header("Authorization", "Bearer metrics-token-0123456789").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains(metric("ess_connector_up", "1.0")), scrape.body());
    }

    private void start(BusUnderTest broker) throws IOException {
        start(broker, partner.address(), HttpOptions.loopback(0));
    }

    private void start(BusUnderTest broker, HttpOptions http) throws IOException {
        start(broker, partner.address(), http);
    }

    private void start(BusUnderTest broker, String target) throws IOException {
        start(broker, target, HttpOptions.loopback(0));
    }

    private void start(BusUnderTest broker, String target, HttpOptions http) throws IOException {
        busUri = broker.uri();
        id = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        pingServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pingServer.createContext("/ping", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pingServer.start();
        // A topic of its own, so that these events reach no other connector's queue on a shared broker.
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic(topic())
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .heartbeatSec(1)
                .pingUrl("http://127.0.0.1:" + pingServer.getAddress().getPort() + "/ping")
                .build();
        RuntimeConfig config = RuntimeConfig.builder(busUri)
                .targetUrl(target)
                .database(tempDir.resolve("ess.db").toString())
                .retryDelays(Duration.ofMillis(10), Duration.ofMillis(50))
                .circuit(3, Duration.ofMillis(200))
                .httpPort(http.port())
                .build();
        heartbeats = new HeartbeatListener(busUri, id);
        ConnectorMetrics metrics = new ConnectorMetrics(id);
        runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"), config, metrics);
        operations = Operations.start(runtime, config, metrics,
                new OpsOptions("ops-test-instance", http, Duration.ofSeconds(1)));
    }

    private void publish(String eventId, String permitId) throws Exception {
        try (BusConnection bus = BusConnection.open(busUri, "ops-test-publisher")) {
            Channel channel = bus.openChannel();
            channel.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(eventId).deliveryMode(2).build();
            channel.basicPublish(Topology.EVENTS_EXCHANGE, topic(), properties,
                    ("{\"permit_id\":\"" + permitId + "\"}").getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    private String topic() {
        return "permits.changed." + id;
    }

    private String metric(String name, String value) {
        return name + "{connector=\"" + id + "\"} " + value + "\n";
    }

    private String scrape() {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals(OpsEndpoints.PROMETHEUS_CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        return response.body();
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operations.httpPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
