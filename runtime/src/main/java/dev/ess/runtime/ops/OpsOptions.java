package dev.ess.runtime.ops;

import dev.ess.runtime.RuntimeConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * How a connector instance reports itself.
 *
 * @param instance the name of this running copy in heartbeats and on the dashboard
 * @param http where {@code /metrics}, {@code /health} and {@code /ready} listen and whom they
 *     answer; {@code null} for no HTTP server
 * @param pingTimeout how long a ping of the partner may take
 */
public record OpsOptions(String instance, HttpOptions http, Duration pingTimeout) {

    /** Names the instance; the host name when unset. */
    public static final String ESS_INSTANCE = "ESS_INSTANCE";
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(2);

    /**
     * The options for a connector configured by {@code config}, its instance named by
     * {@value #ESS_INSTANCE}, its HTTP endpoints as {@link HttpOptions#from} reads them.
     *
     * @throws IllegalArgumentException when the HTTP address or token is not usable
     */
    public static OpsOptions from(RuntimeConfig config, Map<String, String> environment) {
        String instance = environment.get(ESS_INSTANCE);
        return new OpsOptions(instance == null || instance.isBlank() ? hostName() : instance.trim(),
                config.httpPort() == null ? null : HttpOptions.from(environment, config.httpPort()), DEFAULT_PING_TIMEOUT);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
