package dev.ess.runtime.ops;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.bus.Topology;
import java.io.IOException;

/** Where heartbeats travel: the durable topic exchange {@code hms.ops}. */
final class OpsTopology {

    static final String HEARTBEAT_PREFIX = "ess.heartbeat.";
    /** Binds every connector's heartbeats. */
    static final String ALL_HEARTBEATS = HEARTBEAT_PREFIX + "#";

    static void declareOpsExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(Topology.OPS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
    }

    private OpsTopology() {}
}
