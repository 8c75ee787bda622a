package dev.ess.runtime.bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.OneLine;
import dev.ess.runtime.delivery.ParkedEventSink;
import dev.ess.runtime.store.ParkedEvent;
import java.io.IOException;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces parked events on the durable topic exchange {@value Topology#DEAD_LETTER_EXCHANGE},
 * routing key = connector id, with the original body and the reason in headers, and waits for
 * the broker's confirm, so that an announcement the broker did not take is logged as such. The
 * store stays the record of what is parked: a message lost here loses no event.
 */
public final class DeadLetterPublisher implements ParkedEventSink {

    public static final String HEADER_CONNECTOR = "x-ess-connector";
    public static final String HEADER_REASON = "x-ess-reason";
    public static final String HEADER_ATTEMPTS = "x-ess-attempts";
    public static final String HEADER_ROUTING_KEY = "x-ess-routing-key";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final long CONFIRM_TIMEOUT_MS = 5_000;

    private final Channel channel;

    /** Declares the exchange and puts the channel in confirm mode; the channel becomes this publisher's own. */
    public DeadLetterPublisher(Channel channel) throws IOException {
        this.channel = channel;
        channel.exchangeDeclare(Topology.DEAD_LETTER_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.confirmSelect();
    }

    @Override
    public void parked(ParkedEvent event) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(event.eventId())
                .deliveryMode(2)
                .timestamp(Date.from(event.parkedAt()))
                .headers(Map.of(
                        HEADER_CONNECTOR, event.connector(),
                        HEADER_REASON, event.reason(),
                        HEADER_ATTEMPTS, event.attempts(),
                        HEADER_ROUTING_KEY, event.routingKey()))
                .build();
        try {
            // Lanes park concurrently; one publisher at a time on the channel.
            synchronized (channel) {
                channel.basicPublish(Topology.DEAD_LETTER_EXCHANGE, event.connector(), properties, event.body());
                if (!channel.waitForConfirms(CONFIRM_TIMEOUT_MS)) {
                    throw new IOException("the broker refused it (nack)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("{} event {}: parked; its announcement was interrupted", event.connector(),
                    OneLine.of(event.eventId()));
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warn("{} event {}: parked, but not announced on {}: {}", event.connector(), OneLine.of(event.eventId()),
                    Topology.DEAD_LETTER_EXCHANGE, e.toString());
        }
    }
}
