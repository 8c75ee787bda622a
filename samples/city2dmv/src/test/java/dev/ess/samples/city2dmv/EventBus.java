package dev.ess.samples.city2dmv;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The city's side of the bus: publishes events to {@code hms.events} and looks at a connector's queue. */
final class EventBus implements AutoCloseable {

    static final String EVENTS_EXCHANGE = "hms.events";

    private final Connection connection;
    private final Channel channel;

    private EventBus(Connection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    static EventBus connect(String amqpUri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        Connection connection = factory.newConnection("ess-sample-publisher");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(EVENTS_EXCHANGE, "topic", true);
        channel.confirmSelect();
        return new EventBus(connection, channel);
    }

    /** Publishes one persistent JSON event and waits for the broker's confirm. */
    void publish(String routingKey, String json) throws IOException, InterruptedException, TimeoutException {
        publish(routingKey, json, null);
    }

    void publish(String routingKey, String json, String messageId) throws IOException, InterruptedException, TimeoutException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(messageId)
                .build();
        channel.basicPublish(EVENTS_EXCHANGE, routingKey, properties, json.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    /**
     * Empties a connector's queue if it exists, so that a test on a shared broker starts from
     * nothing, whatever earlier runs left behind.
     */
    void purgeIfExists(String queue) throws IOException, TimeoutException {
        try (Channel probe = connection.createChannel()) {
            probe.queuePurge(queue);
        } catch (IOException notDeclaredYet) {
            // the broker closed the probe channel: there is no such queue, so nothing to purge
        }
    }

    /** Messages ready in the queue (not counting those delivered and not yet acked). */
    long readyMessages(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** Waits until the queue exists and has a consumer. */
    boolean awaitConsumer(String queue, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Channel probe = connection.createChannel();
            try {
                int consumers = probe.queueDeclarePassive(queue).getConsumerCount();
                probe.close();
                if (consumers > 0) {
                    return true;
                }
            } catch (IOException notDeclaredYet) {
                // the broker closed the probe channel: the connector has not declared its queue yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void close() throws IOException, TimeoutException {
        connection.close();
    }
}
