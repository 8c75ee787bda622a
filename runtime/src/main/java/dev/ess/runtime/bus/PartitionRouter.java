package dev.ess.runtime.bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.delivery.Arrival;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code partitions} above 1: moves the intake queue's messages, unchanged, to the queue of
 * their partition, in arrival order. A thread publishes whatever has arrived, waits for the
 * broker's confirms, then acks the batch with one {@code multiple} ack: a message is acked only
 * once its partition's queue holds it. After a crash or a lost connection the unacked messages
 * are routed again; the journal recognises the copies.
 */
public final class PartitionRouter extends DefaultConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRouter.class);
    private static final int MAX_BATCH = 1_000;
    private static final long CONFIRM_TIMEOUT_MS = 30_000;
    /** The routing key a message was published with, which its partition's queue keeps in this header. */
    public static final String ORIGINAL_ROUTING_KEY = "x-ess-routing-key";

    private record Message(long tag, String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    private final ConnectorSpec spec;
    private final Channel publisher;
    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    /** Whether the broker returned a message of the batch in flight: its partition's queue is gone. */
    private volatile boolean returned;
    private String consumerTag;

    private PartitionRouter(Channel consumer, Channel publisher, ConnectorSpec spec) {
        super(consumer);
        this.spec = spec;
        this.publisher = publisher;
        this.thread = new Thread(this::route, "ess-" + spec.id() + "-router");
    }

    /** Starts routing the intake queue; both channels become the router's own. */
    public static PartitionRouter start(Channel consumer, Channel publisher, ConnectorSpec spec, int prefetch)
            throws IOException {
        publisher.confirmSelect();
        consumer.basicQos(prefetch);
        PartitionRouter router = new PartitionRouter(consumer, publisher, spec);
        publisher.addReturnListener(message -> router.returned = true);
        router.thread.start();
        router.consumerTag = consumer.basicConsume(spec.queue(), false, "ess-" + spec.id() + "-router", router);
        return router;
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        messages.add(new Message(envelope.getDeliveryTag(), envelope.getRoutingKey(), properties, body));
    }

    /** Stops taking messages, routes what has arrived, then stops. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (getChannel().isOpen()) {
                getChannel().basicCancel(consumerTag);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot cancel the router: {}", spec.id(), e.toString());
        }
        closing = true;
        thread.join(10_000);
        closeQuietly(getChannel());
        closeQuietly(publisher);
    }

    private void route() {
        List<Message> batch = new ArrayList<>();
        while (true) {
            try {
                Message first = messages.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                messages.drainTo(batch, MAX_BATCH - 1);
                forward(batch);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | TimeoutException | RuntimeException e) {
                // Not acked: the broker delivers these again once the connection is back.
                LOG.warn("{}: cannot route {} message(s), they will come again: {}", spec.id(), batch.size(), e.toString());
            }
            batch.clear();
        }
    }

    private void forward(List<Message> batch) throws IOException, InterruptedException, TimeoutException {
        returned = false;
        for (Message message : batch) {
            String eventId = EventIds.of(message.properties(), message.body());
            Arrival arrival = Arrival.of(spec, eventId, message.routingKey(), message.body(), Instant.EPOCH);
            int partition = Partitioning.of(arrival.laneKey(), spec.partitions());
            Map<String, Object> headers = new HashMap<>();
            if (message.properties().getHeaders() != null) {
                headers.putAll(message.properties().getHeaders());
            }
            headers.put(ORIGINAL_ROUTING_KEY, message.routingKey());
            AMQP.BasicProperties properties = message.properties().builder().messageId(eventId).headers(headers).build();
            publisher.basicPublish(Topology.partitionExchange(spec), Topology.routingKey(partition), true, properties,
                    message.body());
        }
        publisher.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
        if (returned) {
            throw new IOException("a partition queue of " + spec.queue() + " is missing");
        }
        getChannel().basicAck(batch.get(batch.size() - 1).tag(), true);
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debug("cannot close a router channel: {}", e.toString());
        }
    }
}
