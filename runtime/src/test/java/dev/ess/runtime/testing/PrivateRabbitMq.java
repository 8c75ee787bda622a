package dev.ess.runtime.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of the test's own, which the test may stop and start as it likes: its own
 * node name, ports on 127.0.0.1, Erlang cookie, data and logs under a folder of the test. It
 * never touches another node. Tests that need it are skipped, with the reason, where RabbitMQ is
 * not installed.
 */
public final class PrivateRabbitMq implements AutoCloseable {

    private static final List<Path> SERVER_SCRIPTS = List.of(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"),
            Path.of("/usr/local/sbin/rabbitmq-server"), Path.of("/usr/sbin/rabbitmq-server"));

    private final Path bin;
    private final Path home;
    private final String node;
    private final int port;
    private final Map<String, String> environment;

    private PrivateRabbitMq(Path bin, Path home, String node, int port, Map<String, String> environment) {
        this.bin = bin;
        this.home = home;
        this.node = node;
        this.port = port;
        this.environment = environment;
    }

    /**
     * Starts a node whose files live in {@code folder}, with the given plugins enabled.
     *
     * @param plugins e.g. {@code rabbitmq_consistent_hash_exchange}; none for a plain broker
     */
    public static PrivateRabbitMq start(Path folder, String... plugins) throws IOException, InterruptedException {
        Path home = folder.toAbsolutePath();
        Path server = serverScript();
        assumeTrue(server != null, "rabbitmq-server is not installed (apt-get install rabbitmq-server):"
                + " skipping the tests that restart a broker of their own");
        Files.createDirectories(home);
        int amqpPort = freePort();
        Files.writeString(home.resolve("rabbitmq.conf"), "listeners.tcp.1 = 127.0.0.1:" + amqpPort
                + "\nloopback_users = none\n");
        Files.writeString(home.resolve("enabled_plugins"), "[" + String.join(",", plugins) + "].\n");
        String node = "ess-test-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        // HOME holds the node's own Erlang cookie, so the command-line tools reach this node only.
        Map<String, String> environment = Map.of(
                "HOME", home.toString(),
                "RABBITMQ_NODENAME", node,
                "RABBITMQ_DIST_PORT", Integer.toString(freePort()),
                "RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq.conf").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString(),
                "RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", home.resolve("log").toString(),
                "RABBITMQ_PID_FILE", home.resolve("rabbitmq.pid").toString());
        PrivateRabbitMq broker = new PrivateRabbitMq(server.getParent(), home, node, amqpPort, environment);
        // A node outliving its test would hold its ports and memory: stop it with the JVM at the latest.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stopNode();
            } catch (IOException | InterruptedException e) {
                // the JVM is ending; nothing more to do
            }
        }, "stop-" + node));
        broker.startNode();
        return broker;
    }

    /** Whether RabbitMQ is installed here, so that a node of one's own can be started. */
    public static boolean installed() {
        return serverScript() != null;
    }

    private static Path serverScript() {
        return SERVER_SCRIPTS.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    public String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/";
    }

    public String node() {
        return node;
    }

    /** {@code rabbitmqctl stop_app}: the broker closes every connection and stops; the node stays. */
    public void stopApp() throws IOException, InterruptedException {
        ctl("stop_app");
    }

    public void startApp() throws IOException, InterruptedException {
        ctl("start_app");
        awaitStartup();
    }

    /** Stops the whole node and starts it again on the same data. */
    public void restart() throws IOException, InterruptedException {
        stopNode();
        startNode();
    }

    /** Runs {@code rabbitmqctl} on this node, e.g. {@code list_consumers}; returns its output. */
    public String ctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.resolve("rabbitmqctl").toString(), "-q", "-n", node));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(home, "ctl", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("rabbitmqctl " + String.join(" ", arguments) + " did not finish");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        if (process.exitValue() != 0) {
            throw new IOException("rabbitmqctl " + String.join(" ", arguments) + " failed: " + text);
        }
        return text;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stopNode();
    }

    private void startNode() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("rabbitmq-server").toString(), "-detached")
                .redirectErrorStream(true).redirectOutput(home.resolve("start.log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.waitFor(1, TimeUnit.MINUTES);
        awaitStartup();
    }

    /** Waits until the broker takes connections; the node registers with epmd a moment after it starts. */
    private void awaitStartup() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                ctl("await_startup", "--timeout", "60");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the private RabbitMQ node " + node + " did not start; see "
                            + home.resolve("log"), e);
                }
                Thread.sleep(300);
            }
        }
    }

    private void stopNode() throws IOException, InterruptedException {
        try {
            ctl("stop", home.resolve("rabbitmq.pid").toString()); // with the pid file it waits for the node to end
        } catch (IOException e) {
            // not running
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
