package dev.ess.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;

/**
 * A real AMQP 0-9-1 broker in this JVM: Qpid Broker-J with one in-memory virtual host and one
 * AMQP port on 127.0.0.1, user {@code guest}/{@code guest}.
 *
 * <p>For demos and tests on a machine without RabbitMQ. Nothing survives {@link #close()}. Qpid
 * rejects RabbitMQ's queue x-arguments (dead-lettering, TTL, queue types), so code that must
 * run on it declares plain durable queues.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The virtual host clients connect to. */
    public static final String VIRTUAL_HOST = "default";

    private static final String CONFIG_RESOURCE = "broker-config.json";
    private static final String PORT_NAME = "AMQP";
    private static final List<String> QPID_LOGGERS = List.of("org.apache.qpid", "qpid.message");

    private final SystemLauncher launcher;
    private final Path workDir;
    private final int port;
    private boolean closed;

    private EmbeddedBroker(SystemLauncher launcher, Path workDir, int port) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.port = port;
    }

    /** Starts a broker on a free port chosen by the operating system. */
    public static EmbeddedBroker start() {
        return start(0);
    }

    /**
     * Starts a broker on the given port of 127.0.0.1, or on a free one when {@code port} is 0.
     *
     * @throws IllegalStateException when the broker does not start or its port is not bound
     */
    public static EmbeddedBroker start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        quietBrokerLogging();
        Path workDir = createWorkDir();
        SystemConfigCapture capture = new SystemConfigCapture();
        SystemLauncher launcher = new SystemLauncher(capture);
        try {
            launcher.startup(systemAttributes(port, workDir));
        } catch (Exception e) {
            stopQuietly(launcher, workDir);
            throw new IllegalStateException("embedded AMQP broker failed to start on 127.0.0.1:" + port + ": " + e, e);
        }
        int bound = boundPort(capture.systemConfig);
        if (bound <= 0) {
            // Qpid reports a successful start even when the port could not be bound.
            stopQuietly(launcher, workDir);
            throw new IllegalStateException("embedded AMQP broker could not bind 127.0.0.1:" + port
                    + (port == 0 ? "" : " (is the port already in use?)"));
        }
        return new EmbeddedBroker(launcher, workDir, bound);
    }

    /** The port the broker listens on. */
    public int port() {
        return port;
    }

    /** The URI clients connect with, e.g. {@code amqp://guest:guest@127.0.0.1:40123/default}. */
    public String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/" + VIRTUAL_HOST;
    }

    /** Stops the broker and its threads, so the JVM can exit. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stopQuietly(launcher, workDir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedBroker[127.0.0.1:" + port + "]";
    }

    /**
     * Qpid logs some thirty INFO lines per start and stop. With slf4j-simple, a level set as a
     * system property applies to loggers created afterwards, so warnings still show; a level the
     * user set is kept. Other logging back ends ignore these properties.
     */
    private static void quietBrokerLogging() {
        for (String logger : QPID_LOGGERS) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }

    private static Map<String, Object> systemAttributes(int port, Path workDir) {
        URL config = EmbeddedBroker.class.getResource(CONFIG_RESOURCE);
        if (config == null) {
            throw new IllegalStateException("missing resource " + CONFIG_RESOURCE + " next to " + EmbeddedBroker.class.getName());
        }
        Map<String, String> context = new HashMap<>();
        context.put("qpid.amqp_port", Integer.toString(port));
        context.put(SystemConfig.QPID_WORK_DIR, workDir.toString());

        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toExternalForm());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        attributes.put("preferenceStoreAttributes", "{\"type\": \"Noop\"}");
        attributes.put(SystemConfig.CONTEXT, context);
        return attributes;
    }

    private static int boundPort(SystemConfig<?> systemConfig) {
        if (systemConfig == null) {
            return -1;
        }
        Broker<?> broker = systemConfig.getContainer(Broker.class);
        if (broker == null) {
            return -1;
        }
        for (Port<?> candidate : broker.getPorts()) {
            if (PORT_NAME.equals(candidate.getName())) {
                return candidate.getBoundPort();
            }
        }
        return -1;
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("ess-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder for the embedded broker", e);
        }
    }

    private static void stopQuietly(SystemLauncher launcher, Path workDir) {
        try {
            launcher.shutdown();
        } finally {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless.
        }
    }

    /** Keeps the system configuration Qpid resolves, to read the bound port from it. */
    private static final class SystemConfigCapture extends SystemLauncherListener.DefaultSystemLauncherListener {
        private volatile SystemConfig<?> systemConfig;

        @Override
        public void onContainerResolve(SystemConfig<?> systemConfig) {
            this.systemConfig = systemConfig;
        }
    }
}
