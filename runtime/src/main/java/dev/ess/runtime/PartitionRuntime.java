package dev.ess.runtime;

import com.rabbitmq.client.Channel;
import dev.ess.runtime.bus.EventConsumer;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.delivery.DeliveryPipeline;
import dev.ess.runtime.delivery.Dispatcher;
import dev.ess.runtime.delivery.ErrorClassifier;
import dev.ess.runtime.delivery.Lanes;
import dev.ess.runtime.soap.SoapPorts;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition this instance delivers: its queue consumed into the journal, its pending events
 * fed in arrival order to lanes of its own, each lane with its own partner port.
 */
final class PartitionRuntime implements Partitions.Running {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRuntime.class);
    /** Events read from the journal but not yet delivered, at most; the rest wait in the store. */
    private static final int MAX_IN_FLIGHT = 10_000;
    /** Events the intake may hand the dispatcher beyond those on the lanes; the rest are read back. */
    private static final int MAX_QUEUED = 5_000;

    private final DeliveryParts<?, ?> parts;
    private final int partition;
    private final Lanes lanes;
    private final DeliveryPipeline<?, ?> pipeline;
    private final Dispatcher dispatcher;
    private final Channel channel;
    private final EventConsumer consumer;
    private final String consumerTag;

    private PartitionRuntime(DeliveryParts<?, ?> parts, int partition, Lanes lanes, DeliveryPipeline<?, ?> pipeline,
            Dispatcher dispatcher, Channel channel, EventConsumer consumer, String consumerTag) {
        this.parts = parts;
        this.partition = partition;
        this.lanes = lanes;
        this.pipeline = pipeline;
        this.dispatcher = dispatcher;
        this.channel = channel;
        this.consumer = consumer;
        this.consumerTag = consumerTag;
    }

    /** Creates the partition's ports and lanes, delivers what its journal holds, and consumes its queue. */
    static <P, Q> PartitionRuntime start(DeliveryParts<P, Q> parts, int partition) throws IOException {
        ConnectorSpec spec = parts.spec();
        RuntimeConfig config = parts.config();
        int parallelism = Math.max(1, spec.parallelism());
        List<P> ports = new ArrayList<>(parallelism);
        for (int i = 0; i < parallelism; i++) {
            ports.add(SoapPorts.configure(SoapPorts.create(parts.connector()), config.targetFor(spec),
                    config.connectTimeout(), config.requestTimeout()));
        }
        DeliveryPipeline<P, Q> pipeline = new DeliveryPipeline<>(parts.connector(), ports, parts.journal(),
                parts.sentLog(), ErrorClassifier.forPort(ports.get(0)).redacting(parts.redaction()), parts.breaker(),
                parts.policy(),
                Clock.systemUTC(), parts.parkedEvents(), parts.observer(), parts.outcomes());
        Lanes lanes = new Lanes("ess-" + spec.id() + "-p" + partition, parallelism);
        Dispatcher dispatcher = new Dispatcher(spec.id(), parts.journal(), partition, lanes, pipeline::deliver,
                MAX_IN_FLIGHT, MAX_QUEUED);
        dispatcher.start();
        Channel channel = null;
        try {
            channel = parts.bus().openChannel();
            channel.basicQos(config.prefetchFor(spec));
            EventConsumer consumer = new EventConsumer(channel, spec, parts.journal(), partition, dispatcher::offer,
                    parts.parkedEvents(), parts.observer(), Clock.systemUTC());
            String tag = channel.basicConsume(Topology.partitionQueue(spec, partition), false,
                    "ess-" + spec.id() + "-p" + partition, consumer);
            return new PartitionRuntime(parts, partition, lanes, pipeline, dispatcher, channel, consumer, tag);
        } catch (IOException | RuntimeException e) {
            stopDelivering(dispatcher, pipeline, lanes, config);
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (java.util.concurrent.TimeoutException | IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    @Override
    public void wake() {
        dispatcher.wake();
    }

    /**
     * Stops consuming, journals and acks what has arrived, lets the calls in progress finish (at
     * most the shutdown timeout) and records their acknowledgements. Events still waiting stay
     * pending in the journal for whoever delivers the partition next.
     */
    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.basicCancel(consumerTag);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot cancel the consumer of partition {}: {}", parts.spec().id(), partition, e.toString());
        }
        try {
            consumer.close();
            stopDelivering(dispatcher, pipeline, lanes, parts.config());
            if (!parts.sentLog().flush(parts.config().shutdownTimeout())) {
                LOG.warn("{}: acknowledgements of partition {} not yet written; those events will be sent once more",
                        parts.spec().id(), partition);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.debug("cannot close the channel of partition {}: {}", partition, e.toString());
        }
    }

    private static void stopDelivering(Dispatcher dispatcher, DeliveryPipeline<?, ?> pipeline, Lanes lanes,
            RuntimeConfig config) {
        try {
            dispatcher.close();
            pipeline.stop();
            if (lanes.shutdown(config.shutdownTimeout()) < 0) {
                LOG.warn("calls still running after {}; their events will be sent again", config.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
