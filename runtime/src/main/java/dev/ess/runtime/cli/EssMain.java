package dev.ess.runtime.cli;

import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.RuntimeStartException;
import dev.ess.runtime.SoapConnector;
import dev.ess.runtime.Urls;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.StoreException;
import dev.ess.runtime.bus.BusException;
import dev.ess.runtime.ops.ConnectorMetrics;
import dev.ess.runtime.ops.HttpOptions;
import dev.ess.runtime.ops.OpsDashboard;
import dev.ess.runtime.ops.OpsOptions;
import dev.ess.runtime.ops.Operations;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs a connector found on the class path until the process is told to stop.
 *
 * <p>Generated connectors register themselves in
 * {@code META-INF/services/dev.ess.runtime.SoapConnector}. With one on the class path it runs;
 * with several, {@code --connector <id>} picks one. Configuration comes from the environment:
 * {@code BUS_URL} (required), {@code TARGET_URL}, {@code ESS_DB}, {@code ESS_HTTP_PORT},
 * {@code ESS_INSTANCE}. The connector publishes heartbeats and, given a port, serves
 * {@code /metrics}, {@code /health} and {@code /ready}. On SIGTERM or Ctrl-C it stops
 * consuming, lets the delivery in progress finish and closes everything before exiting.
 *
 * <p>{@code ops} runs the OPS dashboard instead: a page showing every connector's heartbeats.
 *
 * <p>Exit status: 0 after a clean stop, 1 when the connector cannot start, 2 for a usage or
 * configuration mistake.
 */
public final class EssMain {

    static final int OK = 0;
    static final int START_FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: java -jar <connector>.jar [--connector <id>] [--http-port <port>] [--list] [--redrive <event id>|all] [--help]
                   java -jar <connector>.jar ops [--port <port>]
              --connector <id>    the connector to run, when the class path holds several
              --http-port <port>  serve /metrics, /health and /ready on this port (0: any free port)
              --list              print the connectors on the class path and exit
              --redrive <id>      send a parked event again (all: every parked event) and exit;
                                  a running connector picks it up within a second
              ops                 run the OPS dashboard on --port (default 8080), fed by BUS_URL's hms.ops
            environment:
              BUS_URL        AMQP URI of the event bus (required), e.g. amqp://guest:guest@localhost:5672/
              TARGET_URL     partner endpoint, overriding the manifest's target_url
              ESS_DB         store: a SQLite file (default ./ess.db) or a jdbc:postgresql: URL
              ESS_HTTP_PORT  as --http-port (or ops --port); unset: no HTTP server (ops: 8080)
              ESS_HTTP_ADDRESS  the address the HTTP server listens on (default 127.0.0.1; 0.0.0.0: all)
              ESS_HTTP_TOKEN    a bearer token of at least 16 characters that every HTTP request must present
              ESS_INSTANCE   this instance's name in heartbeats (default: the host name)""";

    static final int DEFAULT_DASHBOARD_PORT = 8080;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    EssMain(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int status = new EssMain(System.getenv(), System.out, System.err).run(args);
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Runs to completion: returns at once for mistakes, else when the connector has stopped. */
    int run(String[] args) {
        Options options;
        List<SoapConnector<?, ?, ?>> connectors;
        SoapConnector<?, ?, ?> connector;
        RuntimeConfig config;
        OpsOptions opsOptions;
        try {
            options = Options.parse(args);
            if (options.help()) {
                out.println(USAGE_TEXT);
                return OK;
            }
            if (options.ops()) {
                RuntimeConfig dashboardConfig = RuntimeConfig.fromEnvironment(environment);
                int port = options.httpPort() != null ? options.httpPort()
                        : dashboardConfig.httpPort() != null ? dashboardConfig.httpPort() : DEFAULT_DASHBOARD_PORT;
                return runDashboard(dashboardConfig, HttpOptions.from(environment, port));
            }
            connectors = loadConnectors();
            if (options.list()) {
                connectors.forEach(each -> out.println(each.spec().id() + "  " + each.spec().listenTopic()
                        + " -> " + Urls.shown(each.spec().targetUrl())));
                return OK;
            }
            connector = select(connectors, options.connectorId());
            if (options.redrive() != null) {
                return redrive(connector.spec().id(), options.redrive());
            }
            config = RuntimeConfig.fromEnvironment(environment);
            if (options.httpPort() != null) {
                config = config.withHttpPort(options.httpPort());
            }
            opsOptions = OpsOptions.from(config, environment);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        return runUntilStopped(connector, config, opsOptions);
    }

    private int runUntilStopped(SoapConnector<?, ?, ?> connector, RuntimeConfig config, OpsOptions opsOptions) {
        ConnectorMetrics metrics = new ConnectorMetrics(connector.spec().id());
        ConnectorRuntime runtime;
        try {
            runtime = ConnectorRuntime.start(connector, config, metrics);
        } catch (RuntimeStartException e) {
            err.println("error: " + e.getMessage());
            return START_FAILED;
        }
        Operations operations;
        try {
            operations = Operations.start(runtime, config, metrics, opsOptions);
        } catch (IOException | BusException e) {
            runtime.close();
            err.println("error: connector " + connector.spec().id() + " cannot start its heartbeats or ops endpoints: "
                    + e.getMessage());
            return START_FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operations.close();
            runtime.close();
        }, "ess-shutdown"));
        out.println(runtime.banner());
        if (operations.httpUrl() != null) {
            out.println("ops endpoints: " + operations.httpUrl() + "metrics /health /ready");
        }
        try {
            runtime.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            operations.close();
            runtime.close();
        }
        return OK;
    }

    /** Re-drives parked events in the connector's store ({@code ESS_DB}), without starting it. */
    private int redrive(String connectorId, String eventId) {
        try (EventStore store = EventStore.openExisting(environment.get(RuntimeConfig.ESS_DB), connectorId)) {
            if (eventId.equals("all")) {
                out.println("re-driven " + store.journal().redriveAll() + " parked event(s) of " + connectorId);
                return OK;
            }
            if (!store.journal().redrive(eventId)) {
                err.println("error: event '" + eventId + "' of " + connectorId + " is not parked in " + store.description());
                return USAGE;
            }
            out.println("re-driven event " + eventId + " of " + connectorId);
            return OK;
        } catch (StoreException e) {
            err.println("error: " + e.getMessage());
            return START_FAILED;
        }
    }

    private int runDashboard(RuntimeConfig config, HttpOptions http) {
        OpsDashboard dashboard;
        try {
            dashboard = OpsDashboard.start(config.busUrl(), http);
        } catch (IOException | BusException e) {
            err.println("error: the OPS dashboard cannot start: " + e.getMessage());
            return START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }, "ess-ops-shutdown"));
        out.println("ESS ops dashboard: " + dashboard.url() + " showing heartbeats from "
                + "hms.ops on " + dashboard.busDisplayUri());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dashboard.close();
        }
        return OK;
    }

    static List<SoapConnector<?, ?, ?>> loadConnectors() throws UsageException {
        List<SoapConnector<?, ?, ?>> connectors = new ArrayList<>();
        try {
            for (SoapConnector<?, ?, ?> connector : ServiceLoader.load(SoapConnector.class)) {
                connectors.add(connector);
            }
        } catch (ServiceConfigurationError e) {
            throw new UsageException("cannot load the connectors on the class path: " + e.getMessage());
        }
        connectors.sort(Comparator.comparing(connector -> connector.spec().id()));
        return connectors;
    }

    /** Picks the connector to run: the one asked for, or the only one there is. */
    static SoapConnector<?, ?, ?> select(List<SoapConnector<?, ?, ?>> connectors, String id) throws UsageException {
        String available = connectors.stream().map(connector -> connector.spec().id()).collect(Collectors.joining(", "));
        if (connectors.isEmpty()) {
            throw new UsageException("no connector on the class path (none is registered in"
                    + " META-INF/services/" + SoapConnector.class.getName() + ")");
        }
        if (id == null) {
            if (connectors.size() > 1) {
                throw new UsageException("several connectors on the class path (" + available
                        + "): choose one with --connector <id>");
            }
            return connectors.get(0);
        }
        return connectors.stream()
                .filter(connector -> connector.spec().id().equals(id))
                .findFirst()
                .orElseThrow(() -> new UsageException("no connector '" + id + "' on the class path; available: " + available));
    }

    record Options(String connectorId, boolean list, boolean help, String redrive, boolean ops, Integer httpPort) {

        static Options parse(String[] args) throws UsageException {
            String connectorId = null;
            boolean list = false;
            boolean help = false;
            String redrive = null;
            boolean ops = args.length > 0 && "ops".equals(args[0]);
            Integer httpPort = null;
            for (int i = ops ? 1 : 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--connector" -> {
                        if (ops) {
                            throw new UsageException("ops shows every connector: --connector does not apply");
                        }
                        connectorId = value(args, i++, "a connector id");
                    }
                    case "--http-port" -> {
                        if (ops) {
                            throw new UsageException("--http-port is not an ops option; use --port");
                        }
                        httpPort = port(value(args, i++, "a port number"));
                    }
                    case "--port" -> {
                        if (!ops) {
                            throw new UsageException("--port is an ops option; use --http-port");
                        }
                        httpPort = port(value(args, i++, "a port number"));
                    }
                    case "--list" -> list = true;
                    case "--redrive" -> {
                        if (i + 1 >= args.length) {
                            throw new UsageException("--redrive needs an event id, or all");
                        }
                        redrive = args[++i];
                    }
                    case "--help", "-h" -> help = true;
                    default -> throw new UsageException("unknown argument '" + args[i] + "'; try --help");
                }
            }
            return new Options(connectorId, list, help, redrive, ops, httpPort);
        }

        private static String value(String[] args, int option, String what) throws UsageException {
            if (option + 1 >= args.length) {
                throw new UsageException(args[option] + " needs " + what);
            }
            return args[option + 1];
        }

        private static Integer port(String value) throws UsageException {
            try {
                return RuntimeConfig.parsePort(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage().replace(RuntimeConfig.ESS_HTTP_PORT, "the port"));
            }
        }
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
