package dev.ess.runtime.bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ess.runtime.ConnectorSpec;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The exchanges and queues ESS uses. A connector's queues are single-active-consumer queues: a
 * second instance consuming one is a standby that RabbitMQ switches to when the first goes, never
 * a co-consumer that would split the stream. No other x-arguments: the runtime's guarantees do
 * not rest on broker-side dead-lettering or TTL, and not every AMQP broker accepts them.
 *
 * <p>With {@code partitions: 1} the intake queue {@code ess.<id>} is the one partition. With
 * more, the instance that holds partition 0 routes the intake queue by key to the direct
 * exchange {@code ess.<id>.partitions}, which feeds one queue {@code ess.<id>.p<n>} per partition.
 */
public final class Topology {

    /** Where the platform publishes its events. */
    public static final String EVENTS_EXCHANGE = "hms.events";
    /** Where parked events are announced, with the reason. */
    public static final String DEAD_LETTER_EXCHANGE = "hms.ess.dlq";
    /** Where connectors report heartbeats. */
    public static final String OPS_EXCHANGE = "hms.ops";

    static final Map<String, Object> SINGLE_ACTIVE_CONSUMER = Map.of("x-single-active-consumer", true);

    /** Declares the events exchange and the connector's durable intake queue, bound with its topic. */
    public static void declareIntake(Channel channel, ConnectorSpec spec) throws IOException {
        channel.exchangeDeclare(EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(spec.queue(), true, false, false, SINGLE_ACTIVE_CONSUMER);
        channel.queueBind(spec.queue(), EVENTS_EXCHANGE, spec.listenTopic());
    }

    /**
     * Declares everything the connector consumes, on a channel of its own.
     *
     * @return false when the intake queue exists without single-active-consumer, from an earlier
     *     release: {@link LegacyQueueMigration} replaces it
     */
    public static boolean declare(BusConnection bus, ConnectorSpec spec) throws IOException {
        Channel channel = bus.openChannel();
        try {
            declareIntake(channel, spec);
            declarePartitions(channel, spec);
            return true;
        } catch (IOException e) {
            if (!isPreconditionFailed(e)) {
                throw e;
            }
            channel = bus.openChannel();
            declarePartitions(channel, spec);
            return false;
        } finally {
            closeQuietly(channel);
        }
    }

    /** Whether the broker refused a declaration because the queue exists with other arguments. */
    static boolean isPreconditionFailed(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == AMQP.PRECONDITION_FAILED;
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // the channel is gone either way
        }
    }

    /** Declares the partitions' exchange and queues; nothing with one partition, whose queue is the intake queue. */
    public static void declarePartitions(Channel channel, ConnectorSpec spec) throws IOException {
        if (spec.partitions() == 1) {
            return;
        }
        channel.exchangeDeclare(partitionExchange(spec), BuiltinExchangeType.DIRECT, true);
        for (int partition = 0; partition < spec.partitions(); partition++) {
            channel.queueDeclare(partitionQueue(spec, partition), true, false, false, SINGLE_ACTIVE_CONSUMER);
            channel.queueBind(partitionQueue(spec, partition), partitionExchange(spec), routingKey(partition));
        }
    }

    /** The queue a partition's events wait in. */
    public static String partitionQueue(ConnectorSpec spec, int partition) {
        return spec.partitions() == 1 ? spec.queue() : spec.queue() + ".p" + partition;
    }

    static String partitionExchange(ConnectorSpec spec) {
        return spec.queue() + ".partitions";
    }

    static String routingKey(int partition) {
        return "p" + partition;
    }

    private Topology() {}
}
