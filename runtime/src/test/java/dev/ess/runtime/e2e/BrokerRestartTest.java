package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.ops.ConnectorMetrics;
import dev.ess.runtime.ops.HttpOptions;
import dev.ess.runtime.ops.Operations;
import dev.ess.runtime.ops.OpsOptions;
import dev.ess.runtime.testing.PrivateRabbitMq;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker under a running connector goes away for real, on a RabbitMQ node of the test's own:
 * first {@code rabbitmqctl stop_app} and {@code start_app}, then a full restart of the node, each
 * in the middle of a stream. While the broker is gone the connector says so (not ready, with the
 * reason, {@code ess_connector_up 0}); afterwards it recovers by itself, and every event reaches
 * the partner once, each key in order.
 */
class BrokerRestartTest {

    private static final int KEYS = 50;
    private static final int BATCH = 2_000;

    @TempDir
    Path tempDir;

    @Test
    void recoversFromAStoppedBrokerAndAFullRestartLosingAndReorderingNothing() throws Exception {
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .parallelism(4)
                .heartbeatSec(1)
                .build();
        try (PrivateRabbitMq broker = PrivateRabbitMq.start(tempDir.resolve("rabbitmq"));
                PermitPartner partner = PermitPartner.publish();
                PermitStream stream = new PermitStream(broker.amqpUri(), spec, KEYS)) {
            RuntimeConfig config = RuntimeConfig.builder(broker.amqpUri())
                    .targetUrl(partner.address())
                    .database(tempDir.resolve("ess.db").toString())
                    .httpPort(0)
                    .build();
            ConnectorMetrics metrics = new ConnectorMetrics(id);
            partner.delayCalls(1); // slow enough that the stream is still flowing when the broker goes
            try (ConnectorRuntime runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"),
                    config, metrics);
                    Operations operations = Operations.start(runtime, config, metrics,
                            new OpsOptions("restart-test", HttpOptions.loopback(0), Duration.ofSeconds(1)))) {
                String ops = "http://127.0.0.1:" + operations.httpPort();

                stream.publish(BATCH);
                awaitTrue("part of the stream is delivered", () -> partner.receivedCount() >= BATCH / 4);
                broker.stopApp();
                awaitTrue("the connector says the bus is down", () -> !runtime.status().busConnected());
                HttpResponse<String> ready = awaitResponse(ops + "/ready", 503);
                assertTrue(ready.body().contains("the bus connection is closed ("), ready.body());
                assertTrue(metrics.scrape().contains("ess_connector_up{connector=\"" + id + "\"} 0.0"), metrics.scrape());
                broker.startApp();
                awaitTrue("the connector reconnects by itself", () -> runtime.status().busConnected());
                awaitResponse(ops + "/ready", 200);
                publishWhenBack(stream, BATCH);
                awaitTrue("part of the second batch is delivered", () -> partner.receivedCount() >= 2 * BATCH - BATCH / 2);

                broker.restart();
                awaitTrue("the connector reconnects after the node's restart", () -> runtime.status().busConnected());
                publishWhenBack(stream, BATCH);
                awaitTrue("every event arrives", () -> stream.countsById(partner.received()).size() == stream.published());
                awaitTrue("the queue is drained", () -> depth(stream) == 0);
                awaitTrue("the backlog drains", () -> runtime.status().backlog() == 0);

                List<PermitPartner.Received> calls = partner.received();
                Map<String, Integer> counts = stream.countsById(calls);
                long duplicates = counts.values().stream().filter(count -> count > 1).count();
                System.out.printf("broker restarts: published %d, partner calls %d, distinct %d, duplicates %d%n",
                        stream.published(), calls.size(), counts.size(), duplicates);
                assertEquals(List.of(), stream.keysOutOfOrder(calls), "keys out of order");
                assertEquals(0, duplicates, "the journal recognised every redelivered message");
                assertEquals(0, runtime.status().parked());
            }
        }
    }

    /** Publishes once the publisher's own connection has recovered too. */
    private static void publishWhenBack(PermitStream stream, int count) throws Exception {
        awaitTrue("the publisher reconnects", stream::connected);
        stream.publish(count);
    }

    private static long depth(PermitStream stream) {
        try {
            return stream.queueDepth();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpResponse<String> awaitResponse(String url, int status) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response;
        do {
            response = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == status) {
                return response;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(url + " did not answer " + status + ": " + response.statusCode() + " " + response.body());
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
