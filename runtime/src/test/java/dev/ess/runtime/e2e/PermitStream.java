package dev.ess.runtime.e2e;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a numbered stream of permit changes over a fixed set of keys, with publisher
 * confirms, to a connector's queue declared up front (so that nothing published before the
 * connector starts is lost); and checks what a partner received against it.
 */
final class PermitStream implements AutoCloseable {

    private final BusConnection connection;
    private final Channel channel;
    private final ConnectorSpec spec;
    private final int keys;
    private int published;

    PermitStream(String busUri, ConnectorSpec spec, int keys) throws IOException {
        this.connection = BusConnection.open(busUri, "ess-test-publisher");
        this.channel = connection.openChannel();
        this.spec = spec;
        this.keys = keys;
        channel.confirmSelect();
        Topology.declareIntake(channel, spec);
    }

    /** Event {@code n}: id {@code <connector>-<n>}, key {@code K-<n mod keys>}, and {@code n} as its street. */
    void publish(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            int n = published++;
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .messageId(eventId(n)).deliveryMode(2).contentType("application/json").build();
            String body = "{\"permit_id\":\"" + key(n) + "\",\"street\":\"" + n + "\",\"truck_limit\":" + (n % 40) + "}";
            channel.basicPublish(Topology.EVENTS_EXCHANGE, spec.listenTopic(), properties,
                    body.getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(30_000);
    }

    /** Whether the publisher's connection is open (it recovers by itself after a broker restart). */
    boolean connected() {
        return connection.isOpen() && channel.isOpen();
    }

    int published() {
        return published;
    }

    String eventId(int n) {
        return spec.id() + "-" + n;
    }

    String key(int n) {
        return "K-" + (n % keys);
    }

    long queueDepth() throws IOException {
        return channel.queueDeclarePassive(spec.queue()).getMessageCount();
    }

    /** How often the partner received each event of this stream (id from the SOAP header), in first-arrival order. */
    Map<String, Integer> countsById(List<PermitPartner.Received> calls) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        String prefix = spec.id() + "-";
        calls.stream().filter(call -> call.headerEventId() != null && call.headerEventId().startsWith(prefix))
                .forEach(call -> counts.merge(call.headerEventId(), 1, Integer::sum));
        return counts;
    }

    /**
     * The keys whose events did not arrive in publish order: per key, the event numbers as they
     * arrived, a repeat of the event just before dropped, must be 0, 1, 2... of that key.
     */
    List<String> keysOutOfOrder(List<PermitPartner.Received> calls) {
        Map<String, List<Integer>> arrivals = new HashMap<>();
        for (PermitPartner.Received call : calls) {
            if (call.headerEventId() == null || !call.headerEventId().startsWith(spec.id() + "-")) {
                continue;
            }
            List<Integer> numbers = arrivals.computeIfAbsent(call.permitId(), key -> new ArrayList<>());
            int n = Integer.parseInt(call.street());
            if (numbers.isEmpty() || numbers.get(numbers.size() - 1) != n) {
                numbers.add(n);
            }
        }
        List<String> outOfOrder = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            List<Integer> expected = new ArrayList<>();
            for (int n = k; n < published; n += keys) {
                expected.add(n);
            }
            if (!expected.equals(arrivals.getOrDefault("K-" + k, List.of()))) {
                outOfOrder.add("K-" + k);
            }
        }
        return outOfOrder;
    }

    /**
     * The keys whose events, each counted at its first arrival, did not arrive in publish order:
     * a repeat of events already received (sent again after a crash, with their ids) is no reorder.
     */
    List<String> keysOutOfFirstArrivalOrder(List<PermitPartner.Received> calls) {
        Map<String, List<Integer>> arrivals = new HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (PermitPartner.Received call : calls) {
            if (call.headerEventId() != null && call.headerEventId().startsWith(spec.id() + "-")
                    && seen.add(call.headerEventId())) {
                arrivals.computeIfAbsent(call.permitId(), key -> new ArrayList<>()).add(Integer.parseInt(call.street()));
            }
        }
        List<String> outOfOrder = new ArrayList<>();
        arrivals.forEach((key, numbers) -> {
            if (!numbers.stream().sorted().toList().equals(numbers)) {
                outOfOrder.add(key);
            }
        });
        return outOfOrder;
    }

    /** The keys whose last call at the partner is not their newest event: the partner holds an old state. */
    List<String> staleKeys(List<PermitPartner.Received> calls) {
        Map<String, Integer> last = new HashMap<>();
        for (PermitPartner.Received call : calls) {
            if (call.headerEventId() != null && call.headerEventId().startsWith(spec.id() + "-")) {
                last.put(call.permitId(), Integer.parseInt(call.street()));
            }
        }
        List<String> stale = new ArrayList<>();
        for (int k = 0; k < Math.min(keys, published); k++) {
            int newest = k + (published - 1 - k) / keys * keys;
            if (!Integer.valueOf(newest).equals(last.get("K-" + k))) {
                stale.add("K-" + k);
            }
        }
        return stale;
    }

    /** Deletes the connector's queue. */
    @Override
    public void close() throws IOException {
        channel.queueDelete(spec.queue());
        connection.close();
    }
}
