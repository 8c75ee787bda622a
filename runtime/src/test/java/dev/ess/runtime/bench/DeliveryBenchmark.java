package dev.ess.runtime.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.Urls;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.e2e.PermitConnector;
import dev.ess.runtime.e2e.PermitPartner;
import dev.ess.runtime.e2e.PermitPort;
import dev.ess.runtime.soap.SoapPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The delivery benchmark, in one run: ESS delivering events from the bus to a fast local JAX-WS
 * partner, at parallelism 1 and 8, at full speed and at a steady 1,000 events/s; and the two
 * ceilings of the machine it runs on: raw amqp-client publish-with-confirms plus
 * consume-with-ack, and raw keep-alive SOAP calls from 4 threads to the same partner with no
 * broker. Latency is from the publisher's {@code basicPublish} to the partner's receipt, both
 * in this JVM. The store is a SQLite file with synchronous=FULL, the default; the steady runs
 * are repeated with {@code synchronous=normal}.
 *
 * <p>Arguments: {@code [events] [repeats]}, default 20,000 and 3. After an unmeasured warm-up,
 * each round runs every scenario once; each figure is the median over the rounds. The bus is {@code ESS_BENCH_BUS_URL}, else {@code ESS_IT_BUS_URL}, else a local
 * RabbitMQ with guest credentials.
 */
public final class DeliveryBenchmark {

    private static final int SOAP_THREADS = 4;
    private static final int RATE_PER_SECOND = 1_000;

    private final String busUri;
    private final int events;
    private final PermitPartner partner;
    private final Path work;

    private DeliveryBenchmark(String busUri, int events, PermitPartner partner, Path work) {
        this.busUri = busUri;
        this.events = events;
        this.partner = partner;
        this.work = work;
    }

    /** One measured run. */
    record Result(double perSecond, double p50Millis, double p99Millis) {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String busUri = firstSet(System.getenv("ESS_BENCH_BUS_URL"), System.getenv("ESS_IT_BUS_URL"),
                "amqp://guest:guest@127.0.0.1:5672");
        Path work = Files.createTempDirectory("ess-bench");
        try (PermitPartner partner = PermitPartner.publish()) {
            DeliveryBenchmark bench = new DeliveryBenchmark(busUri, events, partner, work);
            System.out.printf("ESS delivery benchmark: %d events, median of %d run(s), %d cores, bus %s%n", events, repeats,
                    Runtime.getRuntime().availableProcessors(), Urls.shown(busUri));
            bench.warmUp();
            Map<String, Measurement> scenarios = new LinkedHashMap<>();
            scenarios.put("raw SOAP", bench::rawSoap);
            scenarios.put("raw AMQP", bench::rawAmqp);
            scenarios.put("ESS p1 full", () -> bench.ess(1, 0, true));
            scenarios.put("ESS p8 full", () -> bench.ess(8, 0, true));
            scenarios.put("ESS p1 steady", () -> bench.ess(1, RATE_PER_SECOND, true));
            scenarios.put("ESS p8 steady", () -> bench.ess(8, RATE_PER_SECOND, true));
            scenarios.put("ESS p1 steady, synchronous=normal", () -> bench.ess(1, RATE_PER_SECOND, false));
            scenarios.put("ESS p8 steady, synchronous=normal", () -> bench.ess(8, RATE_PER_SECOND, false));
            Map<String, Result> medians = medians(scenarios, repeats);
            Result soap = medians.get("raw SOAP");
            Result amqp = medians.get("raw AMQP");
            Result p1Full = medians.get("ESS p1 full");
            Result p8Full = medians.get("ESS p8 full");
            Result p1Steady = medians.get("ESS p1 steady");
            Result p8Steady = medians.get("ESS p8 steady");
            Result p1SteadyNormal = medians.get("ESS p1 steady, synchronous=normal");
            Result p8SteadyNormal = medians.get("ESS p8 steady, synchronous=normal");
            System.out.println();
            System.out.printf("%-46s %10s %9s %9s%n", "run", "events/s", "p50 ms", "p99 ms");
            print("ceiling: raw SOAP, " + SOAP_THREADS + " threads, keep-alive", soap);
            print("ceiling: raw AMQP, publish+confirm, consume+ack", amqp);
            print("ESS parallelism 1, full speed", p1Full);
            print("ESS parallelism 8, full speed", p8Full);
            print("ESS parallelism 1, steady " + RATE_PER_SECOND + "/s", p1Steady);
            print("ESS parallelism 8, steady " + RATE_PER_SECOND + "/s", p8Steady);
            print("ESS parallelism 1, steady, synchronous=normal", p1SteadyNormal);
            print("ESS parallelism 8, steady, synchronous=normal", p8SteadyNormal);
            System.out.printf("%nESS p8 full speed / raw SOAP ceiling: %.0f%% (goal >= 85%%)%n",
                    100 * p8Full.perSecond() / soap.perSecond());
            System.out.printf("ESS p1 full speed / raw SOAP ceiling: %.0f%%%n", 100 * p1Full.perSecond() / soap.perSecond());
            System.out.printf("ESS p8 full speed / raw AMQP ceiling: %.0f%%%n", 100 * p8Full.perSecond() / amqp.perSecond());
            System.out.printf("p99 at %d/s: p1 %.1f ms, p8 %.1f ms (goal < 15 ms); with synchronous=normal: p1 %.1f ms,"
                    + " p8 %.1f ms%n", RATE_PER_SECOND, p1Steady.p99Millis(), p8Steady.p99Millis(),
                    p1SteadyNormal.p99Millis(), p8SteadyNormal.p99Millis());
        }
    }

    /**
     * Runs both paths twice at full size, unmeasured: with less, the SOAP stack is still being
     * compiled during the first measured runs, and whichever runs first comes out low.
     */
    private void warmUp() throws Exception {
        for (int i = 0; i < 2; i++) {
            rawSoap();
            ess(8, 0, true);
        }
    }

    /** Keep-alive SOAP calls from {@value #SOAP_THREADS} threads, each with its own port, no broker. */
    private Result rawSoap() throws Exception {
        partner.reset();
        ConnectorSpec spec = spec("raw-soap", 1);
        PermitConnector connector = new PermitConnector(spec, partner.address() + "?wsdl");
        List<PermitPort> ports = new ArrayList<>();
        for (int i = 0; i < SOAP_THREADS; i++) {
            ports.add(SoapPorts.configure(connector.createPort(SoapPorts.features()), partner.address(), Duration.ofSeconds(5),
                    Duration.ofSeconds(30)));
        }
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[events];
        CountDownLatch done = new CountDownLatch(SOAP_THREADS);
        long start = System.nanoTime();
        for (PermitPort port : ports) {
            Thread thread = new Thread(() -> {
                try {
                    for (int n = next.getAndIncrement(); n < events; n = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        port.submitPermit("raw-" + n, "K-" + (n % 100), Integer.toString(n), n % 40);
                        latencies[n] = System.nanoTime() - sent;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        return result(events, elapsed, latencies);
    }

    /** Persistent messages published with confirms while a consumer acks each one, on a queue of their own. */
    private Result rawAmqp() throws Exception {
        try (BusConnection consumerConnection = BusConnection.open(busUri, "ess-bench-consumer");
                BusConnection publisherConnection = BusConnection.open(busUri, "ess-bench-publisher")) {
            Channel consuming = consumerConnection.openChannel();
            String queue = "ess.bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
            consuming.queueDeclare(queue, true, false, false, null);
            consuming.basicQos(2_000);
            long[] publishedAt = new long[events];
            long[] latencies = new long[events];
            CountDownLatch consumed = new CountDownLatch(events);
            consuming.basicConsume(queue, false, new DefaultConsumer(consuming) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws java.io.IOException {
                    int n = Integer.parseInt(properties.getMessageId());
                    latencies[n] = System.nanoTime() - publishedAt[n];
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                    consumed.countDown();
                }
            });
            Channel publishing = publisherConnection.openChannel();
            publishing.confirmSelect();
            long start = System.nanoTime();
            for (int n = 0; n < events; n++) {
                publishedAt[n] = System.nanoTime();
                publishing.basicPublish("", queue, persistent(Integer.toString(n)), body(n));
                if (n % 500 == 499) {
                    publishing.waitForConfirmsOrDie(30_000);
                }
            }
            publishing.waitForConfirmsOrDie(30_000);
            consumed.await(5, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - start;
            consuming.queueDelete(queue);
            return result(events, elapsed, latencies);
        }
    }

    /**
     * ESS from bus to partner.
     *
     * @param ratePerSecond events published per second, or 0 for as fast as the publisher can
     * @param fullSync whether the journal's commits wait for the disk (the default) or not
     */
    private Result ess(int parallelism, int ratePerSecond, boolean fullSync) throws Exception {
        partner.reset();
        ConnectorSpec spec = spec("bench-" + UUID.randomUUID().toString().substring(0, 8), parallelism);
        RuntimeConfig config = RuntimeConfig.builder(busUri)
                .targetUrl(partner.address())
                .database(work.resolve(spec.id() + ".db") + (fullSync ? "" : "?synchronous=normal"))
                .build();
        long[] publishedAt = new long[events];
        Map<String, Integer> numbers = new HashMap<>();
        for (int n = 0; n < events; n++) {
            numbers.put(spec.id() + "-" + n, n);
        }
        Result result;
        try (BusConnection publisherConnection = BusConnection.open(busUri, "ess-bench-publisher");
                ConnectorRuntime runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"),
                        config)) {
            Channel publishing = publisherConnection.openChannel();
            publishing.confirmSelect();
            long start = System.nanoTime();
            long interval = ratePerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            for (int n = 0; n < events; n++) {
                if (interval > 0) {
                    long due = start + n * interval;
                    for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                        LockSupport.parkNanos(Math.min(due - now, 200_000));
                    }
                }
                publishedAt[n] = System.nanoTime();
                String body = "{\"permit_id\":\"K-" + (n % 100) + "\",\"street\":\"" + n + "\",\"truck_limit\":" + (n % 40) + "}";
                publishing.basicPublish(Topology.EVENTS_EXCHANGE, spec.listenTopic(), persistent(spec.id() + "-" + n),
                        body.getBytes(StandardCharsets.UTF_8));
                if (interval == 0 && n % 500 == 499) {
                    publishing.waitForConfirmsOrDie(30_000);
                }
            }
            publishing.waitForConfirmsOrDie(60_000);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (partner.receivedCount() < events && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            List<PermitPartner.Received> received = partner.received();
            long[] latencies = new long[events];
            Arrays.fill(latencies, -1);
            long last = start;
            for (PermitPartner.Received call : received) {
                int n = numbers.get(call.headerEventId());
                if (latencies[n] < 0) {
                    latencies[n] = call.receivedNanos() - publishedAt[n];
                }
                last = Math.max(last, call.receivedNanos());
            }
            if (Arrays.stream(latencies).anyMatch(latency -> latency < 0)) {
                throw new IllegalStateException("not every event reached the partner within 5 minutes");
            }
            result = result(events, last - start, latencies);
        }
        try (BusConnection cleanUp = BusConnection.open(busUri, "ess-bench-clean-up")) {
            cleanUp.openChannel().queueDelete(spec.queue());
        }
        return result;
    }

    /** The queue must exist before the first publish, or those events are unroutable. */
    private static ConnectorSpec spec(String id, int parallelism) {
        return ConnectorSpec.builder(id)
                .listenTopic("bench." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .parallelism(parallelism)
                .build();
    }

    private static AMQP.BasicProperties persistent(String messageId) {
        return new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build();
    }

    private static byte[] body(int n) {
        return ("{\"permit_id\":\"K-" + (n % 100) + "\",\"street\":\"" + n + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static Result result(int count, long elapsedNanos, long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(count / (elapsedNanos / 1e9), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(long[] sorted, double fraction) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /**
     * Runs every scenario once per round, {@code repeats} rounds, so that each sees the JIT and
     * the broker in the same states as the others; returns each scenario's medians.
     */
    private static Map<String, Result> medians(Map<String, Measurement> scenarios, int repeats) throws Exception {
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= repeats; round++) {
            for (Map.Entry<String, Measurement> scenario : scenarios.entrySet()) {
                Result result = scenario.getValue().run();
                System.out.printf("  %s, run %d: %.0f/s, p50 %.2f ms, p99 %.2f ms%n", scenario.getKey(), round,
                        result.perSecond(), result.p50Millis(), result.p99Millis());
                results.computeIfAbsent(scenario.getKey(), name -> new ArrayList<>()).add(result);
            }
        }
        Map<String, Result> medians = new LinkedHashMap<>();
        results.forEach((name, runs) -> medians.put(name, new Result(
                middle(runs.stream().mapToDouble(Result::perSecond).toArray()),
                middle(runs.stream().mapToDouble(Result::p50Millis).toArray()),
                middle(runs.stream().mapToDouble(Result::p99Millis).toArray()))));
        return medians;
    }

    private static double middle(double[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static void print(String name, Result result) {
        System.out.printf("%-46s %10.0f %9.2f %9.2f%n", name, result.perSecond(), result.p50Millis(), result.p99Millis());
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalArgumentException("no value");
    }

    @FunctionalInterface
    private interface Measurement {
        Result run() throws Exception;
    }
}
