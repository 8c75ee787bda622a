package dev.ess.runtime.ops;

import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.ConnectorStatus;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.bus.BusConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running connector's operations side: its heartbeats on {@code hms.ops}, the partner's ping,
 * the status gauges, and the HTTP endpoints {@code /metrics}, {@code /health} and {@code /ready}.
 *
 * <p>Gauges added to the {@link ConnectorMetrics} registry, each with the label {@code connector}:
 * {@code ess_connector_up} (1 while running with the bus connected and the store writable),
 * {@code ess_store_writable}, {@code ess_store_problem} (1 for the reason the store cannot be
 * written: label {@code problem} = {@code read_only}, {@code disk_full} or {@code other}),
 * {@code ess_partner_up} (1 while the partner's circuit is closed and its ping, if any, answers),
 * {@code ess_backlog_events}, {@code ess_lag_seconds}, {@code ess_parked_events},
 * {@code ess_partner_consecutive_failures} and {@code ess_last_sent_timestamp_seconds}.
 *
 * <p>Start it once the runtime runs, close it before closing the runtime.
 */
public final class Operations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final BusConnection bus;
    private final HeartbeatPublisher heartbeats;
    private final OpsHttp http;
    private final HeartbeatSource source;
    private volatile boolean closed;

    private Operations(BusConnection bus, HeartbeatPublisher heartbeats, OpsHttp http, HeartbeatSource source) {
        this.bus = bus;
        this.heartbeats = heartbeats;
        this.http = http;
        this.source = source;
    }

    /**
     * Starts heartbeats (on a bus connection of their own), the partner's ping when the manifest
     * has a {@code ping_url}, and the HTTP endpoints when {@code options} say where.
     *
     * @param metrics the observer the runtime was started with
     * @throws IOException when the bus or the HTTP port cannot be opened; nothing stays open
     */
    public static Operations start(ConnectorRuntime runtime, RuntimeConfig config, ConnectorMetrics metrics,
            OpsOptions options) throws IOException {
        return start(runtime.spec(), runtime::status, config.busUrl(), metrics, options);
    }

    static Operations start(ConnectorSpec spec, Supplier<ConnectorStatus> status, String busUrl,
            ConnectorMetrics metrics, OpsOptions options) throws IOException {
        PartnerPing ping = spec.pingUrl() == null || spec.pingUrl().isBlank() ? null
                : new PartnerPing(URI.create(spec.pingUrl().trim()), shorter(options.pingTimeout(),
                        Duration.ofSeconds(Math.max(1, spec.heartbeatSec()))));
        HeartbeatSource source = new HeartbeatSource(spec, options.instance(), status, ping, Clock.systemUTC(),
                Duration.ofSeconds(1));
        BusConnection bus = BusConnection.open(busUrl, "ess-" + spec.id() + "-ops");
        HeartbeatPublisher heartbeats = null;
        try {
            heartbeats = HeartbeatPublisher.start(bus, source, ping, spec.id(), Math.max(1, spec.heartbeatSec()));
            OpsHttp http = options.http() == null ? null : OpsEndpoints.start(options.http(), metrics, source);
            Operations operations = new Operations(bus, heartbeats, http, source);
            operations.registerGauges(metrics.registry(), metrics.tags());
            return operations;
        } catch (IOException | RuntimeException e) {
            if (heartbeats != null) {
                heartbeats.close();
            }
            bus.close();
            throw e;
        }
    }

    private void registerGauges(MeterRegistry registry, Tags tags) {
        gauge(registry, tags, "ess.connector.up", null,
                "1 while the connector runs with its bus connected and its store writable",
                heartbeat -> !closed && heartbeat.busConnected() && heartbeat.storeFailure() == null ? 1 : 0);
        gauge(registry, tags, "ess.store.writable", null, "1 while the store takes writes",
                heartbeat -> heartbeat.storeFailure() == null ? 1 : 0);
        for (StoreProblem problem : StoreProblem.values()) {
            gauge(registry, tags.and("problem", problem.label()), "ess.store.problem", null,
                    "1 while the store cannot be written for this reason",
                    heartbeat -> StoreProblem.of(heartbeat.storeFailure()) == problem ? 1 : 0);
        }
        gauge(registry, tags, "ess.partner.up", null,
                "1 while the partner's circuit is closed and its ping, if any, answers",
                heartbeat -> heartbeat.partnerAvailable() && !Boolean.FALSE.equals(heartbeat.partnerAnswers()) ? 1 : 0);
        gauge(registry, tags, "ess.backlog", "events", "Events received and not yet sent nor parked",
                Heartbeat::backlog);
        gauge(registry, tags, "ess.lag", "seconds", "Seconds since the oldest waiting event was received",
                Heartbeat::lagSeconds);
        gauge(registry, tags, "ess.parked", "events", "Events parked in the store", Heartbeat::parked);
        gauge(registry, tags, "ess.partner.consecutive.failures", null,
                "Failed calls to the partner since its last acknowledgement", Heartbeat::consecutiveFailures);
        gauge(registry, tags, "ess.last.sent.timestamp", "seconds",
                "When the partner last acknowledged an event, in seconds since the epoch",
                heartbeat -> heartbeat.lastSent() == null ? Double.NaN : heartbeat.lastSent().toEpochMilli() / 1000.0);
    }

    private void gauge(MeterRegistry registry, Tags tags, String name, String baseUnit, String description,
            ToDoubleFunction<Heartbeat> value) {
        Gauge.builder(name, this, operations -> value.applyAsDouble(operations.source.current()))
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    /** The port of the HTTP endpoints, or -1 when there is no HTTP server. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Where the HTTP endpoints answer, e.g. {@code http://localhost:9464/}, or {@code null} when there are none. */
    public String httpUrl() {
        return http == null ? null : http.url();
    }

    /** What the next heartbeat would say, as of at most a second ago. */
    public Heartbeat heartbeat() {
        return source.current();
    }

    /** Publishes a last heartbeat saying the instance stopped, then stops everything it started. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeats.close();
        if (http != null) {
            http.close();
        }
        try {
            bus.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot close the ops bus connection: {}", e.toString());
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
