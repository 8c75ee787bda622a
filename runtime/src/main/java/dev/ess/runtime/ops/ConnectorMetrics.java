package dev.ess.runtime.ops;

import dev.ess.runtime.DeliveryObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * A connector's delivery counters and latency histogram, fed as a {@link DeliveryObserver},
 * in a Prometheus registry of its own. {@link Operations} adds the gauges that read the
 * connector's status.
 *
 * <p>Metric names, each with the label {@code connector}:
 * <ul>
 *   <li>{@code ess_events_received_total}: new events taken from the bus
 *   <li>{@code ess_events_duplicate_total}: redeliveries of events already sent or parked
 *   <li>{@code ess_events_conflicting_total}: messages whose id came before with another body
 *   <li>{@code ess_events_sent_total}: events the partner acknowledged
 *   <li>{@code ess_events_failed_total}: failed delivery attempts, retried or not
 *   <li>{@code ess_events_parked_total}: events parked
 *   <li>{@code ess_delivery_retries_total}: retries scheduled after a transient failure
 *   <li>{@code ess_delivery_latency_seconds}: histogram, arrival to acknowledgement
 * </ul>
 */
public final class ConnectorMetrics implements DeliveryObserver {

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofMinutes(5)
    };

    private final String connector;
    private final PrometheusMeterRegistry registry;
    private final Counter received;
    private final Counter duplicates;
    private final Counter conflicting;
    private final Counter sent;
    private final Counter failed;
    private final Counter parked;
    private final Counter retries;
    private final Timer latency;

    public ConnectorMetrics(String connector) {
        this.connector = connector;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Tags tags = tags();
        received = Counter.builder("ess.events.received").description("New events taken from the bus")
                .tags(tags).register(registry);
        duplicates = Counter.builder("ess.events.duplicate")
                .description("Redeliveries of events already sent or parked; nothing was sent").tags(tags).register(registry);
        conflicting = Counter.builder("ess.events.conflicting")
                .description("Messages whose id came before with another body; kept apart, parked").tags(tags)
                .register(registry);
        sent = Counter.builder("ess.events.sent").description("Events the partner acknowledged")
                .tags(tags).register(registry);
        failed = Counter.builder("ess.events.failed").description("Failed delivery attempts, retried or parked")
                .tags(tags).register(registry);
        parked = Counter.builder("ess.events.parked").description("Events parked: not sent unless re-driven")
                .tags(tags).register(registry);
        retries = Counter.builder("ess.delivery.retries").description("Retries after a transient failure")
                .tags(tags).register(registry);
        latency = Timer.builder("ess.delivery.latency")
                .description("From an event's arrival at the connector to the partner's acknowledgement")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .tags(tags).register(registry);
    }

    public String connector() {
        return connector;
    }

    /** The registry holding these metrics; {@link Operations} serves it on {@code /metrics}. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    Tags tags() {
        return Tags.of("connector", connector);
    }

    /** Everything in the registry, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void received(String eventId) {
        received.increment();
    }

    @Override
    public void duplicate(String eventId) {
        duplicates.increment();
    }

    @Override
    public void conflict(String eventId) {
        conflicting.increment();
    }

    @Override
    public void sent(String eventId, Duration latency, int attempts) {
        sent.increment();
        this.latency.record(latency);
    }

    @Override
    public void retried(String eventId, int attempt, String reason) {
        failed.increment();
        retries.increment();
    }

    @Override
    public void parked(String eventId, String reason) {
        failed.increment();
        parked.increment();
    }
}
