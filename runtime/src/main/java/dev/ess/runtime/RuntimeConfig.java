package dev.ess.runtime;

import dev.ess.runtime.store.EventStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a connector runs on this machine, as opposed to what its manifest says.
 *
 * <p>{@link #fromEnvironment(Map)} reads {@value #BUS_URL} (required), {@value #TARGET_URL},
 * {@value #ESS_DB} and {@value #ESS_HTTP_PORT}; tests and demos use {@link #builder(String)}.
 *
 * @param busUrl the AMQP URI of the bus
 * @param targetUrl the partner's endpoint, overriding the manifest's; {@code null} to keep it
 * @param database the store: a SQLite file path or a {@code jdbc:postgresql:} URL
 * @param prefetch how many unacknowledged messages the broker may send ahead; 0 derives it
 *     from the connector's parallelism
 * @param connectTimeout how long connecting to the partner may take
 * @param requestTimeout how long one call to the partner may take
 * @param retryInitialDelay the pause before the first retry; later ones double, with jitter
 * @param retryMaxDelay the longest pause between retries
 * @param shutdownTimeout how long a stop waits for deliveries in progress
 * @param circuitThreshold transient failures in a row, with no sign that the partner works for
 *     other events, after which it counts as down
 * @param probeInterval while the partner counts as down, the pause between two probe calls
 * @param httpPort the port of the ops endpoints ({@code /metrics}, {@code /health},
 *     {@code /ready}): 0 for any free port, {@code null} for no HTTP server
 */
public record RuntimeConfig(
        String busUrl,
        String targetUrl,
        String database,
        int prefetch,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration retryInitialDelay,
        Duration retryMaxDelay,
        Duration shutdownTimeout,
        int circuitThreshold,
        Duration probeInterval,
        Integer httpPort) {

    public static final String BUS_URL = "BUS_URL";
    public static final String TARGET_URL = "TARGET_URL";
    public static final String ESS_DB = "ESS_DB";
    public static final String ESS_HTTP_PORT = "ESS_HTTP_PORT";

    /** What a bus URL may start with. */
    public static final List<String> BUS_SCHEMES = List.of("amqp", "amqps");
    /** What a partner URL may start with. */
    public static final List<String> PARTNER_SCHEMES = List.of("http", "https");

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_INITIAL_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_CIRCUIT_THRESHOLD = 3;
    public static final int DEFAULT_MIN_PREFETCH = 2_000;
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(5);

    public RuntimeConfig {
        Objects.requireNonNull(busUrl, "busUrl");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryInitialDelay, "retryInitialDelay");
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(probeInterval, "probeInterval");
        if (circuitThreshold < 1) {
            throw new IllegalArgumentException("circuitThreshold must be at least 1, got " + circuitThreshold);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must not be negative, got " + prefetch);
        }
        if (httpPort != null) {
            checkPort(httpPort);
        }
        checkUrl(BUS_URL, busUrl, BUS_SCHEMES);
        if (targetUrl != null) {
            checkUrl(TARGET_URL, targetUrl, PARTNER_SCHEMES);
        }
    }

    /**
     * Reads the configuration from environment variables.
     *
     * @throws IllegalArgumentException when {@value #BUS_URL} is missing, a URL does not parse or
     *     {@value #ESS_HTTP_PORT} is not a port number, with a message for the user that shows no password
     */
    public static RuntimeConfig fromEnvironment(Map<String, String> environment) {
        String busUrl = nonBlank(environment.get(BUS_URL));
        if (busUrl == null) {
            throw new IllegalArgumentException(BUS_URL + " is not set: set it to the AMQP URI of the event bus,"
                    + " e.g. amqp://guest:guest@localhost:5672/");
        }
        return builder(busUrl)
                .targetUrl(nonBlank(environment.get(TARGET_URL)))
                .database(nonBlank(environment.get(ESS_DB)))
                .httpPort(parsePort(nonBlank(environment.get(ESS_HTTP_PORT))))
                .build();
    }

    public static Builder builder(String busUrl) {
        return new Builder(busUrl);
    }

    /** The endpoint to call: {@link #targetUrl()} when set, else the manifest's. */
    public String targetFor(ConnectorSpec spec) {
        return targetUrl != null ? targetUrl : spec.targetUrl();
    }

    /**
     * The prefetch for a connector: enough for the intake to journal messages in large batches
     * while the previous batch is being written.
     */
    public int prefetchFor(ConnectorSpec spec) {
        return prefetch > 0 ? prefetch : Math.max(DEFAULT_MIN_PREFETCH, 4 * Math.max(1, spec.parallelism()));
    }

    /** Reads a port number, as given by the user in {@value #ESS_HTTP_PORT} or on the command line. */
    public static Integer parsePort(String value) {
        if (value == null) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ESS_HTTP_PORT + " must be a port number from 0 to 65535, got '" + value + "'");
        }
        checkPort(port);
        return port;
    }

    /**
     * Refuses a URL that does not parse: read leniently, the host of {@code rabbit_host} or a port
     * of {@code 56x2} is dropped and the connection goes to localhost as guest.
     */
    static void checkUrl(String setting, String url, List<String> schemes) {
        try {
            Urls.parse(url, schemes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " " + e.getMessage(), e);
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(ESS_HTTP_PORT + " must be a port number from 0 to 65535, got " + port);
        }
    }

    /** This configuration with another ops port, e.g. from the command line. */
    public RuntimeConfig withHttpPort(Integer port) {
        return new RuntimeConfig(busUrl, targetUrl, database, prefetch, connectTimeout, requestTimeout,
                retryInitialDelay, retryMaxDelay, shutdownTimeout, circuitThreshold, probeInterval, port);
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Builds a {@link RuntimeConfig}; unset values take the defaults. */
    public static final class Builder {
        private final String busUrl;
        private String targetUrl;
        private String database = EventStore.DEFAULT_LOCATION;
        private int prefetch;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration retryInitialDelay = DEFAULT_RETRY_INITIAL_DELAY;
        private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private int circuitThreshold = DEFAULT_CIRCUIT_THRESHOLD;
        private Duration probeInterval = DEFAULT_PROBE_INTERVAL;
        private Integer httpPort;

        private Builder(String busUrl) {
            this.busUrl = Objects.requireNonNull(busUrl, "busUrl");
        }

        public Builder targetUrl(String targetUrl) {
            this.targetUrl = targetUrl;
            return this;
        }

        /** The store location; {@code null} keeps the default {@value EventStore#DEFAULT_LOCATION}. */
        public Builder database(String database) {
            this.database = database != null ? database : EventStore.DEFAULT_LOCATION;
            return this;
        }

        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder retryDelays(Duration initial, Duration max) {
            this.retryInitialDelay = initial;
            this.retryMaxDelay = max;
            return this;
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * When the partner counts as down: after {@code threshold} transient failures in a row;
         * then one probe call every {@code probeInterval}.
         */
        public Builder circuit(int threshold, Duration probeInterval) {
            this.circuitThreshold = threshold;
            this.probeInterval = probeInterval;
            return this;
        }

        /** The port of the ops endpoints: 0 for any free port, {@code null} (the default) for none. */
        public Builder httpPort(Integer httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        public RuntimeConfig build() {
            return new RuntimeConfig(busUrl, targetUrl, database, prefetch, connectTimeout, requestTimeout,
                    retryInitialDelay, retryMaxDelay, shutdownTimeout, circuitThreshold, probeInterval, httpPort);
        }
    }
}
