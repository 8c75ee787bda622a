package dev.ess.runtime;

import com.rabbitmq.client.Channel;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.DeadLetterPublisher;
import dev.ess.runtime.bus.EventConsumer;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.delivery.Backoff;
import dev.ess.runtime.delivery.DeliveryPipeline;
import dev.ess.runtime.delivery.ErrorClassifier;
import dev.ess.runtime.delivery.Lanes;
import dev.ess.runtime.soap.SoapPorts;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.JournalStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector running: its store open, its port configured, its queue consumed.
 *
 * <p>{@link #start} returns once the connector consumes; {@link #close()} stops consuming,
 * lets the deliveries in progress finish, and closes the bus and the store. Messages not yet
 * delivered stay on the queue. Used by {@code EssMain}, by tests and by demos in process.
 */
public final class ConnectorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRuntime.class);

    private final ConnectorSpec spec;
    private final RuntimeConfig config;
    private final EventStore store;
    private final BusConnection bus;
    private final Channel channel;
    private final DeliveryPipeline<?, ?> pipeline;
    private final Lanes lanes;
    private final String consumerTag;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private ConnectorRuntime(ConnectorSpec spec, RuntimeConfig config, EventStore store, BusConnection bus,
            Channel channel, DeliveryPipeline<?, ?> pipeline, Lanes lanes, String consumerTag) {
        this.spec = spec;
        this.config = config;
        this.store = store;
        this.bus = bus;
        this.channel = channel;
        this.pipeline = pipeline;
        this.lanes = lanes;
        this.consumerTag = consumerTag;
    }

    /**
     * Starts a connector: opens and migrates the store, connects to the bus, creates and
     * configures the partner's port, declares the connector's queue and starts consuming it.
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
        ConnectorSpec spec = connector.spec();
        EventStore store = null;
        BusConnection bus = null;
        try {
            store = EventStore.open(config.database());
            bus = BusConnection.open(config.busUrl(), "ess-" + spec.id());
            P port = SoapPorts.configure(connector.createPort(), config.targetFor(spec), config.connectTimeout(),
                    config.requestTimeout());
            DeadLetterPublisher deadLetters = new DeadLetterPublisher(bus.openChannel());
            DeliveryPipeline<P, Q> pipeline = new DeliveryPipeline<>(connector, port, store, ErrorClassifier.forPort(port),
                    new Backoff(config.retryInitialDelay(), config.retryMaxDelay()), Clock.systemUTC(), deadLetters,
                    observer);
            Channel channel = bus.openChannel();
            Topology.declareIntake(channel, spec);
            channel.basicQos(config.prefetchFor(spec));
            Lanes lanes = new Lanes("ess-" + spec.id(), Math.max(1, spec.parallelism()));
            EventConsumer consumer = new EventConsumer(channel, spec, pipeline, lanes, Clock.systemUTC());
            String consumerTag = channel.basicConsume(spec.queue(), false, "ess-" + spec.id(), consumer);
            return new ConnectorRuntime(spec, config, store, bus, channel, pipeline, lanes, consumerTag);
        } catch (IOException | RuntimeException e) {
            closeQuietly(bus);
            closeQuietly(store);
            throw new RuntimeStartException("connector " + spec.id() + " cannot start: " + e.getMessage(), e);
        }
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
            lastSent = store.lastSent(spec.id()).orElse(null);
        }
        return new ConnectorStatus(spec.id(), bus.isOpen(), true, store.count(spec.id(), JournalStatus.RECEIVED),
                store.count(spec.id(), JournalStatus.PARKED), lastSent, pipeline.consecutiveFailures());
    }

    /** One line saying what runs where, for the log or the console. Holds no password. */
    public String banner() {
        return "ESS connector " + spec.id() + ": queue " + spec.queue() + " <- " + Topology.EVENTS_EXCHANGE
                + " '" + spec.listenTopic() + "' on " + bus.displayUri() + ", target " + target()
                + ", store " + store.description() + ", " + lanes.count() + " lane(s)";
    }

    /** Blocks until {@link #close()} has finished, from whichever thread it was called. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops consuming, waits for the deliveries in progress (at most the configured shutdown
     * timeout), then closes the bus connection and the store. Safe to call more than once.
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
            pipeline.stop();
            if (!lanes.shutdown(config.shutdownTimeout())) {
                LOG.warn("{}: deliveries still running after {}; they will be redelivered", spec.id(),
                        config.shutdownTimeout());
            }
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
