package dev.ess.runtime;

import com.rabbitmq.client.Channel;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.DeadLetterPublisher;
import dev.ess.runtime.bus.LegacyQueueMigration;
import dev.ess.runtime.bus.PartitionRouter;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.delivery.Backoff;
import dev.ess.runtime.delivery.CircuitBreaker;
import dev.ess.runtime.delivery.RecentOutcomes;
import dev.ess.runtime.delivery.RetryPolicy;
import dev.ess.runtime.delivery.SentLog;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.JournalStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector running: its store open, its queues declared, its share of the partitions
 * delivered.
 *
 * <p>For each partition it holds, an intake journals the partition's messages and acks them once
 * durable, and a dispatcher feeds the journal's pending events, in arrival order, to per-key
 * lanes that call the partner through the connector's one circuit breaker (README, "Delivery
 * guarantees"). With more than one partition, the holder of partition 0 also routes the intake
 * queue to the partitions' queues. {@link #start} returns once the connector delivers its share,
 * or stands by; {@link #close()} stops consuming, lets the calls in progress finish, and closes
 * the bus and the store. Events not yet delivered stay pending in the journal and go out after
 * the next start. Used by {@code EssMain}, by tests and by demos in process.
 */
public final class ConnectorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRuntime.class);
    private static final Duration BALANCE_INTERVAL = Duration.ofSeconds(1);

    private final ConnectorSpec spec;
    private final RuntimeConfig config;
    private final EventStore store;
    private final BusConnection bus;
    private final DeliveryParts<?, ?> parts;
    private final Partitions partitions;
    private final ScheduledExecutorService balancer;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private ConnectorRuntime(ConnectorSpec spec, RuntimeConfig config, EventStore store, BusConnection bus,
            DeliveryParts<?, ?> parts) {
        this.spec = spec;
        this.config = config;
        this.store = store;
        this.bus = bus;
        this.parts = parts;
        this.partitions = new Partitions(spec.id(), spec.partitions(), store, this::startPartition);
        this.balancer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ess-" + spec.id() + "-partitions");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a connector: opens and migrates the store, connects to the bus, declares the
     * connector's queues, claims its share of the partitions and delivers them: what a previous
     * run left pending first, then what the queues bring.
     *
     * @throws RuntimeStartException when any of these fails; what was opened is closed again
     */
    public static ConnectorRuntime start(SoapConnector<?, ?, ?> connector, RuntimeConfig config) {
        return start(connector, config, DeliveryObserver.NONE);
    }

    /** Starts a connector as {@link #start(SoapConnector, RuntimeConfig)} does, telling {@code observer} of every delivery step. */
    public static ConnectorRuntime start(SoapConnector<?, ?, ?> connector, RuntimeConfig config,
            DeliveryObserver observer) {
        return startTyped(connector, config, observer);
    }

    private static <P, Q> ConnectorRuntime startTyped(SoapConnector<P, Q, ?> connector, RuntimeConfig config,
            DeliveryObserver observer) {
        ConnectorSpec spec = resolveUrls(connector.spec(), config, System.getenv());
        EventStore store = null;
        BusConnection bus = null;
        SentLog sentLog = null;
        try {
            store = EventStore.open(config.database(), spec.id());
            // A store that cannot be written would take no event: better not to start at all.
            store.probeWrite();
            store.join();
            bus = BusConnection.open(config.busUrl(), "ess-" + spec.id());
            if (!Topology.declare(bus, spec)) {
                LOG.info("{}: queue {} is from before single-active-consumer queues; the instance that takes"
                        + " partition 0 replaces it", spec.id(), spec.queue());
            }
            DeadLetterPublisher deadLetters = new DeadLetterPublisher(bus.openChannel());
            sentLog = new SentLog(spec.id(), store.journal());
            RetryPolicy policy = new RetryPolicy(Math.max(0, spec.maxRetry()), config.circuitThreshold(),
                    new Backoff(config.retryInitialDelay(), config.retryMaxDelay()));
            DeliveryParts<P, Q> parts = new DeliveryParts<>(connector, spec, config, store.journal(), bus,
                    new CircuitBreaker(spec.id(), config.probeInterval()), policy, sentLog, deadLetters, observer,
                    new RecentOutcomes(), redaction(spec, config));
            ConnectorRuntime runtime = new ConnectorRuntime(spec, config, store, bus, parts);
            runtime.partitions.balance();
            runtime.balancer.scheduleWithFixedDelay(runtime.partitions::balance, BALANCE_INTERVAL.toMillis(),
                    BALANCE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            return runtime;
        } catch (IOException | RuntimeException e) {
            closeQuietly(sentLog);
            closeQuietly(bus);
            closeQuietly(store);
            throw new RuntimeStartException("connector " + spec.id() + " cannot start: " + e.getMessage(), e);
        }
    }

    /** Starts delivering a partition just claimed; partition 0 also migrates an old queue and routes the intake. */
    private Partitions.Running startPartition(int partition) throws IOException {
        if (partition != 0) {
            return PartitionRuntime.start(parts, partition);
        }
        new LegacyQueueMigration(bus, spec, store.journal(), Clock.systemUTC()).run();
        if (spec.partitions() == 1) {
            return PartitionRuntime.start(parts, 0);
        }
        PartitionRuntime first = PartitionRuntime.start(parts, 0);
        try {
            PartitionRouter router = PartitionRouter.start(bus.openChannel(), bus.openChannel(), spec,
                    config.prefetchFor(spec));
            return new Partitions.Running() {
                @Override
                public void wake() {
                    first.wake();
                }

                @Override
                public void close() throws InterruptedException {
                    router.close();
                    first.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    /**
     * The spec with the {@code ${env:NAME}} references of its URLs replaced from the environment;
     * the manifest's target is not needed, and so not resolved, when the configuration overrides it.
     *
     * @throws RuntimeStartException naming a referenced variable that is not set, or a URL that
     *     does not parse
     */
    static ConnectorSpec resolveUrls(ConnectorSpec declared, RuntimeConfig config, Map<String, String> environment) {
        try {
            String target = declared.targetUrl();
            if (config.targetUrl() == null) {
                target = EnvReferences.resolve(target, environment);
                RuntimeConfig.checkUrl("target_url", target, RuntimeConfig.PARTNER_SCHEMES);
            }
            String ping = EnvReferences.resolve(declared.pingUrl(), environment);
            if (ping != null && !ping.isBlank()) {
                ping = ping.trim();
                RuntimeConfig.checkUrl("ping_url", ping, RuntimeConfig.PARTNER_SCHEMES);
            }
            return declared.withUrls(target, ping);
        } catch (IllegalArgumentException e) {
            throw new RuntimeStartException("connector " + declared.id() + " cannot start: " + e.getMessage(), e);
        }
    }

    /** Whatever secrets the connector's URLs hold, to be kept out of failure reasons. */
    private static Redaction redaction(ConnectorSpec spec, RuntimeConfig config) {
        return Redaction.of(config.busUrl(), config.targetFor(spec), spec.pingUrl());
    }

    public ConnectorSpec spec() {
        return spec;
    }

    /** The partner endpoint this connector calls. */
    public String target() {
        return config.targetFor(spec);
    }

    /** The connector's store, for inspection. */
    public EventStore store() {
        return store;
    }

    /** What the connector is doing now; reads the store, so call it now and then, not per event. */
    public ConnectorStatus status() {
        Instant lastSent = parts.outcomes().lastSent();
        if (lastSent == null) {
            lastSent = store.view().lastSent().orElse(null);
        }
        return new ConnectorStatus(spec.id(), bus.isOpen(), parts.breaker().state() == CircuitBreaker.State.CLOSED,
                store.view().count(JournalStatus.RECEIVED), store.view().oldestWaiting().orElse(null),
                store.view().count(JournalStatus.PARKED), lastSent, parts.breaker().consecutiveFailures(),
                parts.outcomes().parkedSinceLastSent(), parts.breaker().lastFailure(), bus.failure(), partitions.held(),
                store.writeFailure().orElse(null));
    }

    /** The partitions this instance delivers now; empty while it stands by. */
    public List<Integer> partitions() {
        return partitions.held();
    }

    /**
     * Sends a parked event again, at the end of its key's order, with its attempts reset.
     *
     * @return whether the event was parked
     */
    public boolean redrive(String eventId) {
        boolean redriven = store.journal().redrive(eventId);
        if (redriven) {
            LOG.info("{} event {} re-driven", spec.id(), OneLine.of(eventId));
            partitions.wakeAll();
        }
        return redriven;
    }

    /** Sends every parked event again, in their arrival order; returns how many. */
    public int redriveAll() {
        int count = store.journal().redriveAll();
        if (count > 0) {
            LOG.info("{}: {} parked event(s) re-driven", spec.id(), count);
            partitions.wakeAll();
        }
        return count;
    }

    /** One line saying what runs where, for the log or the console. Holds no password. */
    public String banner() {
        return "ESS connector " + spec.id() + ": queue " + spec.queue() + " <- " + Topology.EVENTS_EXCHANGE
                + " '" + spec.listenTopic() + "' on " + bus.displayUri() + ", target " + Urls.shown(target())
                + ", store " + store.description() + ", " + spec.partitions() + " partition(s) of "
                + Math.max(1, spec.parallelism()) + " lane(s), delivering " + describe(partitions.held());
    }

    private static String describe(List<Integer> held) {
        return held.isEmpty() ? "none yet (standing by)" : "partition(s) " + held;
    }

    /** Blocks until {@link #close()} has finished, from whichever thread it was called. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops consuming, journals and acks what has arrived, waits for the calls in progress (at
     * most the configured shutdown timeout), records their acknowledgements, gives the partitions
     * back, then closes the bus connection and the store. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            balancer.shutdown();
            balancer.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
            partitions.close();
            parts.sentLog().close(config.shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(bus);
            closeQuietly(store);
            LOG.info("{} stopped", spec.id());
            closed.countDown();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            if (resource instanceof Channel channel && !channel.isOpen()) {
                return;
            }
            resource.close();
        } catch (Exception e) {
            LOG.warn("cannot close {}: {}", resource, e.toString());
        }
    }
}
