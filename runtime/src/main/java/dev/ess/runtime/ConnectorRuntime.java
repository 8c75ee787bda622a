package dev.ess.runtime;

import com.rabbitmq.client.Channel;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.DeadLetterPublisher;
import dev.ess.runtime.bus.EventConsumer;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.delivery.Backoff;
import dev.ess.runtime.delivery.CircuitBreaker;
import dev.ess.runtime.delivery.DeliveryPipeline;
import dev.ess.runtime.delivery.Dispatcher;
import dev.ess.runtime.delivery.ErrorClassifier;
import dev.ess.runtime.delivery.Lanes;
import dev.ess.runtime.delivery.SentLog;
import dev.ess.runtime.soap.SoapPorts;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.JournalStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector running: its store open, its ports configured, its queue consumed.
 *
 * <p>The intake journals each message and acks it once durable; a dispatcher feeds the journal's
 * pending events, in arrival order, to per-key lanes that call the partner through a circuit
 * breaker (README, "Delivery guarantees").
 * {@link #start} returns once the connector consumes; {@link #close()} stops consuming, lets the
 * calls in progress finish, and closes the bus and the store. Events not yet delivered stay
 * pending in the journal and go out after the next start. Used by {@code EssMain}, by tests and
 * by demos in process.
 */
public final class ConnectorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRuntime.class);
    /** Events read from the journal but not yet delivered, at most; the rest wait in the store. */
    private static final int MAX_IN_FLIGHT = 10_000;
    /** Events the intake may hand the dispatcher beyond those on the lanes; the rest are read back. */
    private static final int MAX_QUEUED = 5_000;

    private final ConnectorSpec spec;
    private final RuntimeConfig config;
    private final EventStore store;
    private final BusConnection bus;
    private final Channel channel;
    private final EventConsumer consumer;
    private final DeliveryPipeline<?, ?> pipeline;
    private final Lanes lanes;
    private final Dispatcher dispatcher;
    private final SentLog sentLog;
    private final String consumerTag;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private ConnectorRuntime(ConnectorSpec spec, RuntimeConfig config, EventStore store, BusConnection bus,
            Channel channel, EventConsumer consumer, DeliveryPipeline<?, ?> pipeline, Lanes lanes,
            Dispatcher dispatcher, SentLog sentLog, String consumerTag) {
        this.spec = spec;
        this.config = config;
        this.store = store;
        this.bus = bus;
        this.channel = channel;
        this.consumer = consumer;
        this.pipeline = pipeline;
        this.lanes = lanes;
        this.dispatcher = dispatcher;
        this.sentLog = sentLog;
        this.consumerTag = consumerTag;
    }

    /**
     * Starts a connector: opens and migrates the store, connects to the bus, creates and
     * configures one partner port per lane, re-drives the events a previous run left pending,
     * declares the connector's queue and starts consuming it.
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
        String name = "ess-" + spec.id();
        int parallelism = Math.max(1, spec.parallelism());
        EventStore store = null;
        BusConnection bus = null;
        SentLog sentLog = null;
        Lanes lanes = null;
        try {
            store = EventStore.open(config.database(), spec.id());
            store.claim();
            // A store that cannot be written would take no event: better not to start at all.
            store.probeWrite();
            bus = BusConnection.open(config.busUrl(), name);
            List<P> ports = new ArrayList<>(parallelism);
            for (int i = 0; i < parallelism; i++) {
                ports.add(SoapPorts.configure(SoapPorts.create(connector), config.targetFor(spec), config.connectTimeout(),
                        config.requestTimeout()));
            }
            DeadLetterPublisher deadLetters = new DeadLetterPublisher(bus.openChannel());
            sentLog = new SentLog(spec.id(), store.journal());
            CircuitBreaker breaker = new CircuitBreaker(spec.id(), config.circuitThresholdFor(spec),
                    config.probeInterval());
            DeliveryPipeline<P, Q> pipeline = new DeliveryPipeline<>(connector, ports, store.journal(), sentLog,
                    ErrorClassifier.forPort(ports.get(0)).redacting(redaction(spec, config)), breaker,
                    new Backoff(config.retryInitialDelay(), config.retryMaxDelay()), Clock.systemUTC(), deadLetters,
                    observer);
            lanes = new Lanes(name, parallelism);
            Dispatcher dispatcher = new Dispatcher(spec.id(), store.journal(), lanes, pipeline::deliver, MAX_IN_FLIGHT,
                    MAX_QUEUED);
            dispatcher.start();
            Channel channel = bus.openChannel();
            Topology.declareIntake(channel, spec);
            channel.basicQos(config.prefetchFor(spec));
            EventConsumer consumer = new EventConsumer(channel, spec, store.journal(), dispatcher::offer, deadLetters,
                    observer,
                    Clock.systemUTC());
            String consumerTag = channel.basicConsume(spec.queue(), false, name, consumer);
            return new ConnectorRuntime(spec, config, store, bus, channel, consumer, pipeline, lanes, dispatcher,
                    sentLog, consumerTag);
        } catch (IOException | RuntimeException e) {
            if (lanes != null) {
                shutdownQuietly(lanes);
            }
            closeQuietly(sentLog);
            closeQuietly(bus);
            closeQuietly(store);
            throw new RuntimeStartException("connector " + spec.id() + " cannot start: " + e.getMessage(), e);
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
        Instant lastSent = pipeline.lastSent();
        if (lastSent == null) {
            lastSent = store.view().lastSent().orElse(null);
        }
        return new ConnectorStatus(spec.id(), bus.isOpen(), pipeline.partnerAvailable(),
                store.view().count(JournalStatus.RECEIVED), store.view().oldestWaiting().orElse(null),
                store.view().count(JournalStatus.PARKED), lastSent, pipeline.consecutiveFailures(),
                store.writeFailure().orElse(null));
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
            dispatcher.wake();
        }
        return redriven;
    }

    /** Sends every parked event again, in their arrival order; returns how many. */
    public int redriveAll() {
        int count = store.journal().redriveAll();
        if (count > 0) {
            LOG.info("{}: {} parked event(s) re-driven", spec.id(), count);
            dispatcher.wake();
        }
        return count;
    }

    /** One line saying what runs where, for the log or the console. Holds no password. */
    public String banner() {
        return "ESS connector " + spec.id() + ": queue " + spec.queue() + " <- " + Topology.EVENTS_EXCHANGE
                + " '" + spec.listenTopic() + "' on " + bus.displayUri() + ", target " + Urls.shown(target())
                + ", store " + store.description() + ", " + lanes.count() + " lane(s)";
    }

    /** Blocks until {@link #close()} has finished, from whichever thread it was called. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops consuming, journals and acks what has arrived, waits for the calls in progress (at
     * most the configured shutdown timeout), records their acknowledgements, then closes the bus
     * connection and the store. Safe to call more than once.
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
            cancelConsumer();
            consumer.close();
            dispatcher.close();
            pipeline.stop();
            if (lanes.shutdown(config.shutdownTimeout()) < 0) {
                LOG.warn("{}: calls still running after {}; their events will be sent again after a restart",
                        spec.id(), config.shutdownTimeout());
            }
            sentLog.close(config.shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(channel);
            closeQuietly(bus);
            closeQuietly(store);
            LOG.info("{} stopped", spec.id());
            closed.countDown();
        }
    }

    private void cancelConsumer() {
        try {
            if (channel.isOpen()) {
                channel.basicCancel(consumerTag);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot cancel the consumer: {}", spec.id(), e.toString());
        }
    }

    private static void shutdownQuietly(Lanes lanes) {
        try {
            lanes.shutdown(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
