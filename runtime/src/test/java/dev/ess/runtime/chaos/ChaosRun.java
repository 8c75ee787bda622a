package dev.ess.runtime.chaos;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.e2e.EnvironmentPermitConnector;
import dev.ess.runtime.e2e.PermitPartner;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.testing.PrivateRabbitMq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One row of the chaos table: one setup, one fault, one stream, measured from outside. */
final class ChaosRun {

    /** How many instances, with what parallelism and partitions, on which store. */
    record Setup(String name, int instances, int parallelism, int partitions, boolean postgresql) {}

    /** What goes wrong while the stream flows. */
    record Fault(String code, String name, PermitPartner.Outage outage, Duration outageLength, boolean kills, boolean brokerRestart) {}

    /** What the partner got, against what was published. */
    record Result(Setup setup, Fault fault, int published, int malformed, int received, int lost, int duplicates,
            int reordered, int stale, long parked, long drainMillis) {

        boolean passed() {
            return lost == 0 && reordered == 0 && stale == 0 && parked == malformed;
        }
    }

    private final PrivateRabbitMq broker;
    private final PermitPartner partner;
    private final String postgresUrl;
    private final Path folder;
    private final int events;
    private final int perSecond;
    private final int keys;

    ChaosRun(PrivateRabbitMq broker, PermitPartner partner, String postgresUrl, Path folder, int events, int perSecond,
            int keys) {
        this.broker = broker;
        this.partner = partner;
        this.postgresUrl = postgresUrl;
        this.folder = folder;
        this.events = events;
        this.perSecond = perSecond;
        this.keys = keys;
    }

    Result run(Setup setup, Fault fault) throws Exception {
        String id = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        Path runFolder = Files.createDirectories(folder.resolve(id));
        ConnectorSpec spec = ConnectorSpec.builder(id).listenTopic(EnvironmentPermitConnector.topic(id))
                .targetUrl("http://manifest.invalid/permits").fields("permit_id", "street", "truck_limit")
                .parallelism(setup.parallelism()).partitions(setup.partitions()).build();
        String database = setup.postgresql() ? createSchema(id) : runFolder.resolve("ess.db").toString();
        try (BusConnection bus = BusConnection.open(broker.amqpUri(), "ess-chaos-setup")) {
            Topology.declare(bus, spec);
        }
        partner.reset();
        Map<String, String> environment = Map.of("ESS_CONNECTOR", id, "BUS_URL", broker.amqpUri(),
                "TARGET_URL", partner.address(),
                "ESS_DB", database, "ESS_TEST_CONNECTOR_ID", id,
                "ESS_TEST_PARALLELISM", Integer.toString(setup.parallelism()),
                "ESS_TEST_PARTITIONS", Integer.toString(setup.partitions()),
                "ESS_TEST_PARTNER_WSDL", partner.address() + "?wsdl");
        long faultsOver;
        try (Instances instances = new Instances(runFolder, environment, setup.instances());
                Publisher publisher = new Publisher(broker.amqpUri(), id, spec.listenTopic(), keys)) {
            long start = System.nanoTime();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                try {
                    publisher.publish(events, perSecond);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Duration publishTime = Duration.ofMillis(1_000L * events / perSecond);
            if (fault.kills()) {
                for (int k = 1; k <= 3; k++) {
                    sleepUntil(start, publishTime.multipliedBy(k).dividedBy(4));
                    instances.killAndRestart((k - 1) % instances.count());
                }
            }
            if (fault.brokerRestart()) {
                sleepUntil(start, publishTime.multipliedBy(2).dividedBy(5));
                broker.restart();
            }
            if (fault.outage() != null) {
                sleepUntil(start, publishTime.dividedBy(4));
                partner.startOutage(fault.outage());
                TimeUnit.MILLISECONDS.sleep(fault.outageLength().toMillis());
                partner.endOutage();
            }
            publishing.get(30, TimeUnit.MINUTES);
            faultsOver = System.nanoTime();
            Set<String> expected = new HashSet<>();
            for (int n = 0; n < events; n++) {
                if (!Publisher.malformed(n)) {
                    expected.add(publisher.eventId(n));
                }
            }
            long deadline = faultsOver + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline && !receivedAll(expected) && instances.anyAlive()) {
                Thread.sleep(100);
            }
        }
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - faultsOver);
        long parked;
        try (EventStore store = EventStore.open(database, id)) {
            parked = store.view().count(JournalStatus.PARKED);
        }
        if (setup.postgresql()) {
            dropSchema(id);
        }
        return measure(setup, fault, id, parked, drainMillis);
    }

    private boolean receivedAll(Set<String> expected) {
        Set<String> received = new HashSet<>();
        partner.received().forEach(call -> received.add(call.headerEventId()));
        return received.containsAll(expected);
    }

    private Result measure(Setup setup, Fault fault, String id, long parked, long drainMillis) {
        List<PermitPartner.Received> calls = partner.received();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, List<Integer>> firstArrivals = new HashMap<>();
        Map<String, Integer> lastCall = new HashMap<>();
        for (PermitPartner.Received call : calls) {
            if (call.headerEventId() == null || !call.headerEventId().startsWith(id + "-")) {
                continue;
            }
            int n = Integer.parseInt(call.street());
            if (counts.merge(call.headerEventId(), 1, Integer::sum) == 1) {
                firstArrivals.computeIfAbsent(call.permitId(), key -> new ArrayList<>()).add(n);
            }
            lastCall.put(call.permitId(), n);
        }
        int malformed = 0;
        Map<String, Integer> newest = new HashMap<>();
        for (int n = 0; n < events; n++) {
            if (Publisher.malformed(n)) {
                malformed++;
            } else {
                newest.put("K-" + (n % keys), n);
            }
        }
        int received = counts.size();
        int duplicates = counts.values().stream().mapToInt(count -> count - 1).sum();
        int reordered = (int) firstArrivals.values().stream()
                .filter(numbers -> !numbers.stream().sorted().toList().equals(numbers)).count();
        int stale = (int) newest.entrySet().stream()
                .filter(key -> !key.getValue().equals(lastCall.get(key.getKey()))).count();
        return new Result(setup, fault, events, malformed, received, events - malformed - received, duplicates,
                reordered, stale, parked, drainMillis);
    }

    private String createSchema(String id) throws Exception {
        String schema = id.replace('-', '_');
        try (Connection admin = DriverManager.getConnection(postgresUrl); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private void dropSchema(String id) throws Exception {
        try (Connection admin = DriverManager.getConnection(postgresUrl); Statement statement = admin.createStatement()) {
            statement.execute("DROP SCHEMA " + id.replace('-', '_') + " CASCADE");
        }
    }

    private static void sleepUntil(long start, Duration offset) throws InterruptedException {
        long wait = start + offset.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
