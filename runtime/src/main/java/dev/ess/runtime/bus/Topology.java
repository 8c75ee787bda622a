package dev.ess.runtime.bus;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.ConnectorSpec;
import java.io.IOException;

/**
 * The exchanges and queues ESS uses. Queues are declared without x-arguments: the runtime's
 * guarantees do not rest on broker-side dead-lettering or TTL, and not every AMQP broker
 * accepts them.
 */
public final class Topology {

    /** Where the platform publishes its events. */
    public static final String EVENTS_EXCHANGE = "hms.events";
    /** Where parked events are announced, with the reason. */
    public static final String DEAD_LETTER_EXCHANGE = "hms.ess.dlq";
    /** Where connectors report heartbeats. */
    public static final String OPS_EXCHANGE = "hms.ops";

    /** Declares the events exchange and the connector's durable queue, bound with its topic. */
    public static void declareIntake(Channel channel, ConnectorSpec spec) throws IOException {
        channel.exchangeDeclare(EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(spec.queue(), true, false, false, null);
        channel.queueBind(spec.queue(), EVENTS_EXCHANGE, spec.listenTopic());
    }

    private Topology() {}
}
