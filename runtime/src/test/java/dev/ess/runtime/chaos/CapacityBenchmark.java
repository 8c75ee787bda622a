package dev.ess.runtime.chaos;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.e2e.EnvironmentPermitConnector;
import dev.ess.runtime.e2e.PermitPartner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How fast connector JVMs drain a backlog, for the capacity plan (README, "Capacity"): the events
 * are published first, then the instances start, and the rate is taken from the partner's first
 * call to its last. Each setup runs {@code ess.capacity.repeats} times (3); the median is printed. Uses the
 * RabbitMQ of {@code ESS_BENCH_BUS_URL}, else {@code ESS_IT_BUS_URL}, and the PostgreSQL of
 * {@code ESS_IT_PG_URL} for the shared-store setups.
 */
public final class CapacityBenchmark {

    private record Setup(String name, int instances, int parallelism, int partitions, boolean postgresql) {}

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("ess.capacity.events", 20_000);
        int repeats = Integer.getInteger("ess.capacity.repeats", 3);
        String bus = System.getenv().getOrDefault("ESS_BENCH_BUS_URL",
                System.getenv().getOrDefault("ESS_IT_BUS_URL", "amqp://guest:guest@127.0.0.1:5672"));
        String postgres = System.getenv("ESS_IT_PG_URL");
        List<Setup> setups = new ArrayList<>(List.of(
                new Setup("1 instance, SQLite, parallelism 1", 1, 1, 1, false),
                new Setup("1 instance, SQLite, parallelism 8", 1, 8, 1, false)));
        if (postgres != null) {
            setups.addAll(List.of(
                    new Setup("1 instance, PostgreSQL, parallelism 8", 1, 8, 1, true),
                    new Setup("1 instance, PostgreSQL, 4 partitions x 2 lanes", 1, 2, 4, true),
                    new Setup("2 instances, PostgreSQL, 4 partitions x 2 lanes", 2, 2, 4, true),
                    new Setup("3 instances, PostgreSQL, 6 partitions x 2 lanes", 3, 2, 6, true)));
        }
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path folder = Files.createDirectories(Path.of("target", "capacity"));
        System.out.printf("%d events, backlog drained by connector JVMs; median of %d%n", events, repeats);
        System.out.println("| setup | events/s |");
        System.out.println("|---|---:|");
        try (PermitPartner partner = PermitPartner.publish()) {
            for (Setup setup : setups) {
                List<Double> rates = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    rates.add(drain(bus, postgres, partner, folder, setup, events));
                }
                rates.sort(Double::compare);
                System.out.printf("| %s | %,.0f |%n", setup.name(), rates.get(rates.size() / 2));
            }
        }
    }

    private static double drain(String bus, String postgres, PermitPartner partner, Path folder, Setup setup,
            int events) throws Exception {
        String id = "capacity-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectorSpec spec = ConnectorSpec.builder(id).listenTopic(EnvironmentPermitConnector.topic(id))
                .targetUrl("http://manifest.invalid/permits").fields("permit_id", "street", "truck_limit")
                .parallelism(setup.parallelism()).partitions(setup.partitions()).build();
        String schema = id.replace('-', '_');
        String database = folder.resolve(id + ".db").toString();
        if (setup.postgresql()) {
            try (Connection admin = DriverManager.getConnection(postgres); Statement statement = admin.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            database = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        try (BusConnection connection = BusConnection.open(bus, "ess-capacity")) {
            Topology.declare(connection, spec);
        }
        partner.reset();
        try (Publisher publisher = new Publisher(bus, id, spec.listenTopic(), 500)) {
            publisher.publish(events, 1_000_000);
            Set<String> expected = new HashSet<>();
            for (int n = 0; n < events; n++) {
                if (!Publisher.malformed(n)) {
                    expected.add(publisher.eventId(n));
                }
            }
            long start = System.nanoTime();
            try (Instances instances = new Instances(folder.resolve(id), Map.of("ESS_CONNECTOR", id, "BUS_URL", bus, "TARGET_URL",
                    partner.address(), "ESS_DB", database, "ESS_TEST_CONNECTOR_ID", id,
                    "ESS_TEST_PARALLELISM", Integer.toString(setup.parallelism()),
                    "ESS_TEST_PARTITIONS", Integer.toString(setup.partitions()),
                    "ESS_TEST_PARTNER_WSDL", partner.address() + "?wsdl"), setup.instances())) {
                while (partner.receivedCount() < expected.size()) {
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10) || !instances.anyAlive()) {
                        throw new IllegalStateException(setup.name() + ": not drained in 10 minutes");
                    }
                    Thread.sleep(20);
                }
                // From the first call to the last: the JVMs' start-up is not the connector's speed.
                List<PermitPartner.Received> calls = partner.received();
                long first = calls.stream().mapToLong(PermitPartner.Received::receivedNanos).min().orElseThrow();
                long last = calls.stream().mapToLong(PermitPartner.Received::receivedNanos).max().orElseThrow();
                return (calls.size() - 1) * 1e9 / (last - first);
            }
        } finally {
            if (setup.postgresql()) {
                try (Connection admin = DriverManager.getConnection(postgres); Statement statement = admin.createStatement()) {
                    statement.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            try (BusConnection connection = BusConnection.open(bus, "ess-capacity-cleanup")) {
                var channel = connection.openChannel();
                channel.queueDelete(spec.queue());
                for (int p = 0; p < setup.partitions() && setup.partitions() > 1; p++) {
                    channel.queueDelete(Topology.partitionQueue(spec, p));
                }
            }
        }
    }

    private CapacityBenchmark() {}
}
