package dev.ess.samples.city2dmv;

import dev.ess.broker.EmbeddedBroker;
import dev.ess.samples.dmv.DmvSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The story, end to end, on one machine with nothing installed: an embedded AMQP broker, the
 * DMV simulator, and the city2dmv connector jar as a process of its own. The city publishes
 * one permit change; the DMV receives it as a SOAP request.
 *
 * <p>Usage: {@code Demo <path of city2dmv.jar>}. Exits 0 once the DMV acknowledged the permit
 * and the bus message was acked.
 */
public final class Demo {

    static final String DELTA = "{\"permit_id\":\"P-778\",\"street\":\"Main St\",\"truck_limit\":5}";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/city2dmv.jar");
        Path work = Files.createDirectories(jar.toAbsolutePath().getParent().resolve("demo"));
        Files.deleteIfExists(work.resolve("ess.db"));

        System.out.println("== Starting the embedded AMQP broker (Qpid Broker-J)");
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                DmvSimulator dmv = DmvSimulator.start(0, System.out)) {
            System.out.println("   bus: " + broker.amqpUri());
            System.out.println("== DMV simulator listening on " + dmv.address());

            System.out.println("== Starting the city2dmv connector: java -jar " + jar.getFileName());
            Map<String, String> env = Map.of(
                    "BUS_URL", broker.amqpUri(),
                    "TARGET_URL", dmv.address(),
                    "ESS_DB", work.resolve("ess.db").toString());
            try (ConnectorProcess connector = ConnectorProcess.start(jar, env, System.out, "   city2dmv | ");
                    EventBus bus = EventBus.connect(broker.amqpUri())) {
                require(bus.awaitConsumer("ess.city2dmv", TIMEOUT), "the connector did not start consuming ess.city2dmv");

                System.out.println("== The city publishes to hms.events, routing key permits.changed: " + DELTA);
                bus.publish("permits.changed", DELTA);

                require(dmv.awaitPermit("P-778", TIMEOUT), "the DMV did not receive permit P-778");
                int exitCode = connector.stop(TIMEOUT);
                // 143 is the JVM's status after a SIGTERM it handled with its shutdown hooks.
                require(exitCode == 0 || exitCode == 143, "the connector did not stop cleanly (exit " + exitCode + ")");
                require(bus.readyMessages("ess.city2dmv") == 0, "the permit's bus message was not acknowledged");
            }
        }
        System.out.println("All agencies notified");
    }

    private static void require(boolean condition, String failure) {
        if (!condition) {
            System.err.println("Demo failed: " + failure);
            System.exit(1);
        }
    }
}
