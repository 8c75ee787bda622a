package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.broker.EmbeddedBroker;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.cli.EssMain;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.JournalStatus;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EssMain} as users run it: a separate JVM that finds its connector with ServiceLoader,
 * prints its banner, delivers, and on SIGTERM finishes the call in progress before exiting.
 */
class EssMainProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedBroker broker;
    private static PermitPartner partner;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void startBrokerAndPartner() throws Exception {
        broker = EmbeddedBroker.start();
        partner = PermitPartner.publish();
    }

    @AfterAll
    static void stop() {
        partner.close();
        broker.close();
    }

    @Test
    void deliversAndStopsCleanlyOnSigterm() throws Exception {
        String id = "proc-" + UUID.randomUUID().toString().substring(0, 8);
        Path database = tempDir.resolve("ess.db");
        Path stderr = tempDir.resolve("stderr.log");
        Process process = startEssMain(id, database, stderr);
        try (BusConnection bus = BusConnection.open(broker.amqpUri(), "process-test")) {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String banner = stdout.readLine();
            assertTrue(banner != null && banner.startsWith("ESS connector " + id + ": queue ess." + id), banner
                    + "\n" + Files.readString(stderr));
            Channel channel = bus.openChannel();
            channel.confirmSelect();

            publish(channel, id, "evt-fast", "P-1");
            awaitTrue("the partner receives the first permit", () -> partner.received().size() == 1);

            partner.delayCalls(1_500);
            publish(channel, id, "evt-slow", "P-2");
            awaitTrue("the slow call is in progress", () -> partner.calls() == 2);
            process.destroy();

            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the process exits");
            assertEquals(143, process.exitValue(), "terminated by SIGTERM after the shutdown hook ran");
            assertEquals(2, partner.received().size(), "the call in progress completed");
            assertEquals(0, channel.queueDeclarePassive("ess." + id).getMessageCount(), "and was acked");
            String log = Files.readString(stderr);
            assertTrue(log.contains(id + " stopped"), log);
        } finally {
            process.destroyForcibly();
            partner.reset();
        }
        try (EventStore store = EventStore.open(database.toString(), id)) {
            assertEquals(JournalStatus.SENT, store.view().find("evt-slow").orElseThrow().status());
        }
    }

    /**
     * A second instance of a running connector on its store stands by, while a re-drive from the
     * command line writes the store beside them and the running connector sends the event; once
     * the first instance is killed, the second takes over within seconds.
     */
    @Test
    void aSecondInstanceStandsByAndTakesOverWhenTheFirstIsKilled() throws Exception {
        String id = "proc-" + UUID.randomUUID().toString().substring(0, 8);
        Path database = tempDir.resolve("ess.db");
        partner.reject("P-9");
        Process running = startEssMain(id, database, tempDir.resolve("running.log"));
        Process second = null;
        try (BusConnection bus = BusConnection.open(broker.amqpUri(), "process-test")) {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(stdout.readLine().endsWith("delivering partition(s) [0]"), "the first instance runs");
            Channel channel = bus.openChannel();
            channel.confirmSelect();
            publish(channel, id, "evt-rejected", "P-9");
            awaitTrue("the rejected event is parked", () -> parked(database, id) == 1);

            second = startEssMain(id, database, tempDir.resolve("second.log"));
            BufferedReader secondOut = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(secondOut.readLine().endsWith("delivering none yet (standing by)"), "the second instance stands by");

            partner.accept("P-9");
            Process redrive = startEssMain(id, database, tempDir.resolve("redrive.log"), "--redrive", "evt-rejected");
            assertTrue(redrive.waitFor(30, TimeUnit.SECONDS), "the re-drive exits");
            assertEquals(0, redrive.exitValue(), Files.readString(tempDir.resolve("redrive.log")));
            awaitTrue("the running connector sends the re-driven event", () -> partner.received().size() == 1);

            running.destroyForcibly();
            assertTrue(running.waitFor(10, TimeUnit.SECONDS));
            long killed = System.nanoTime();
            publish(channel, id, "evt-after-the-kill", "P-10");
            // Generous: the broker must first notice the killed consumer, on a machine that may be busy.
            awaitTrue("the standby takes over and delivers", () -> partner.received().stream()
                    .anyMatch(call -> "evt-after-the-kill".equals(call.headerEventId())), tempDir.resolve("second.log"), 60);
            long takeOverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            System.out.printf("standby took over and delivered %d ms after the kill%n", takeOverMillis);
            // The re-driven event may come twice: its acknowledgement may not have been recorded at the kill.
            assertTrue(partner.received().stream().allMatch(call -> List.of("evt-rejected", "evt-after-the-kill")
                    .contains(call.headerEventId())), partner.received().toString());
            assertTrue(Files.readString(tempDir.resolve("second.log")).contains(id + ": delivering partition 0 of 1"));
        } finally {
            running.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
            partner.reset();
        }
    }

    /**
     * Event values that hold line breaks or characters that reorder text are escaped in every log
     * line, and no password or key of the partner's URL appears anywhere in the output.
     */
    @Test
    void logsCarryNoForgedLineAndNoSecret() throws Exception {
        String id = "proc-" + UUID.randomUUID().toString().substring(0, 8);
        Path database = tempDir.resolve("ess.db");
        Path stderr = tempDir.resolve("stderr.log");
        String target = partner.address().replace("http://", "http://clerk:S3cret-pw@") + "?token=T0ken-42";
        partner.failNextCalls(1);
        partner.reject("P-2\u2028FORGED");
        Process process = startEssMain(id, database, stderr, Map.of("TARGET_URL", target));
        try (BusConnection bus = BusConnection.open(broker.amqpUri(), "process-test")) {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String banner = stdout.readLine();
            assertTrue(banner != null && banner.startsWith("ESS connector " + id), banner + "\n" + Files.readString(stderr));
            Channel channel = bus.openChannel();
            channel.confirmSelect();

            publish(channel, id, "evt-1\nFORGED by the id", "P-1\r\nFORGED by the key");
            publish(channel, id, "evt-2", "P-2\u2028FORGED");
            awaitTrue("the first event is sent after a retry", () -> partner.received().size() == 1);
            awaitTrue("the second event is parked", () -> parked(database, id) == 1);
            publish(channel, id, "evt-1\nFORGED by the id", "P-1\r\nFORGED by the key");
            awaitTrue("the redelivery is skipped", () -> readQuietly(stderr).contains("already sent, skipped"));
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the process exits");
            // Past its banner the connector writes only to its log, on stderr.
            String output = banner + "\n" + Files.readString(stderr);

            assertTrue(output.contains("event evt-1\\nFORGED by the id (" + EnvironmentPermitConnector.topic(id)
                    + " permit_id=P-1\\r\\nFORGED by the key) failed (0 counted attempt(s))"), output);
            assertTrue(output.contains("event evt-2 (" + EnvironmentPermitConnector.topic(id)
                    + " permit_id=P-2\\u2028FORGED) parked"), output);
            assertTrue(output.lines().noneMatch(line -> line.startsWith("FORGED")), output);
            assertFalse(output.contains("\u2028"), output);
            assertFalse(output.contains("S3cret") || output.contains("T0ken"), output);
        } finally {
            process.destroyForcibly();
            partner.reset();
        }
    }

    /** A bus URL that does not parse ends the process at once, and no line of its output shows the password. */
    @Test
    void anUnparsableBusUrlStopsTheStartWithoutShowingThePassword() throws Exception {
        Path stderr = tempDir.resolve("stderr.log");
        Process process = startEssMain("proc-bad-bus", tempDir.resolve("ess.db"), stderr,
                Map.of("BUS_URL", "amqp://clerk:S3cret-pw@rabbit_host:5672/vh"));
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process exits");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + Files.readString(stderr);
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("error: BUS_URL 'amqp://clerk:***@rabbit_host:5672/vh' is not a valid URL: the host name"
                + " 'rabbit_host' may hold only letters, digits, '-' and '.'"), output);
        assertFalse(output.contains("S3cret"), output);
        assertFalse(Files.exists(tempDir.resolve("ess.db")), "no store is created");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static long parked(Path database, String id) {
        try (EventStore store = EventStore.open(database.toString(), id)) {
            return store.view().count(JournalStatus.PARKED);
        }
    }

    private Process startEssMain(String id, Path database, Path stderr, String... options) throws Exception {
        return startEssMain(id, database, stderr, Map.of(), options);
    }

    /** Starts the connector with the usual environment, overridden by {@code environment}. */
    private Process startEssMain(String id, Path database, Path stderr, Map<String, String> environment,
            String... options) throws Exception {
        Path services = tempDir.resolve("services/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.ess.runtime.SoapConnector"), EnvironmentPermitConnector.class.getName() + "\n");
        String classPath = tempDir.resolve("services") + File.pathSeparator + System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, EssMain.class.getName(), "--connector", id));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("BUS_URL", broker.amqpUri());
        builder.environment().put("TARGET_URL", partner.address());
        builder.environment().put("ESS_DB", database.toString());
        builder.environment().put("ESS_TEST_CONNECTOR_ID", id);
        builder.environment().put("ESS_TEST_PARTNER_WSDL", partner.address() + "?wsdl");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void publish(Channel channel, String id, String messageId, String permitId) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build();
        channel.basicPublish(Topology.EVENTS_EXCHANGE, EnvironmentPermitConnector.topic(id), properties,
                JSON.writeValueAsBytes(Map.of("permit_id", permitId)));
        channel.waitForConfirmsOrDie(5_000);
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws Exception {
        awaitTrue(what, condition, null, 20);
    }

    /** Waits, and on timeout shows the log that says why. */
    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition, Path log, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + (log == null ? "" : "\n" + Files.readString(log)));
            }
            Thread.sleep(20);
        }
    }
}
