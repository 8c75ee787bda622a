package dev.ess.runtime.bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.delivery.Arrival;
import dev.ess.runtime.delivery.DeliveryPipeline;
import dev.ess.runtime.delivery.Lanes;
import dev.ess.runtime.delivery.Outcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each message of the connector's queue to a lane of the delivery pipeline and settles it
 * from the outcome: ack once sent, parked or found to be a duplicate; requeue when the store
 * failed; leave it unacked when stopping, so the broker delivers it again.
 */
public final class EventConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration STORE_FAILURE_PAUSE = Duration.ofSeconds(1);

    private final ConnectorSpec spec;
    private final DeliveryPipeline<?, ?> pipeline;
    private final Lanes lanes;
    private final Clock clock;

    public EventConsumer(Channel channel, ConnectorSpec spec, DeliveryPipeline<?, ?> pipeline, Lanes lanes, Clock clock) {
        super(channel);
        this.spec = spec;
        this.pipeline = pipeline;
        this.lanes = lanes;
        this.clock = clock;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        Arrival arrival = Arrival.of(spec, EventIds.of(properties, body), envelope.getRoutingKey(), body, clock.instant());
        long deliveryTag = envelope.getDeliveryTag();
        try {
            lanes.submit(arrival.laneKey(), () -> deliver(arrival, deliveryTag));
        } catch (RejectedExecutionException e) {
            // Arrived while stopping: left unacked, the broker delivers it again.
            LOG.debug("{} event {} arrived while stopping", spec.id(), arrival.eventId());
        }
    }

    @Override
    public void handleCancel(String consumerTag) {
        LOG.error("{}: the broker cancelled the consumer of queue {} (was it deleted?)", spec.id(), spec.queue());
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
        if (!signal.isInitiatedByApplication()) {
            LOG.warn("{}: bus channel closed: {}", spec.id(), signal.getMessage());
        }
    }

    private void deliver(Arrival arrival, long deliveryTag) {
        Outcome outcome;
        try {
            outcome = pipeline.deliver(arrival);
        } catch (RuntimeException e) {
            LOG.error("{} event {} not delivered, returned to the queue: {}", spec.id(), arrival.eventId(), e.toString(), e);
            // Most likely the store is down: do not spin on the same message.
            pipeline.pauseUnlessStopped(STORE_FAILURE_PAUSE);
            settle(() -> getChannel().basicNack(deliveryTag, false, true), arrival);
            return;
        }
        if (outcome.settlesMessage()) {
            settle(() -> getChannel().basicAck(deliveryTag, false), arrival);
        }
    }

    private void settle(BusAction action, Arrival arrival) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            // The channel closed under us; the broker delivers the message again and the
            // journal recognises it.
            LOG.warn("{} event {}: cannot settle the message, it will come again: {}", spec.id(), arrival.eventId(),
                    e.toString());
        }
    }

    @FunctionalInterface
    private interface BusAction {
        void run() throws IOException;
    }
}
