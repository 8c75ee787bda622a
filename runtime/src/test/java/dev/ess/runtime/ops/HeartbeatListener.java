package dev.ess.runtime.ops;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Receives one connector's heartbeats from {@code hms.ops}, as any operator's tool would. */
final class HeartbeatListener implements AutoCloseable {

    private final BusConnection bus;
    private final BlockingQueue<Heartbeat> received = new LinkedBlockingQueue<>();

    HeartbeatListener(String busUri, String connector) throws IOException {
        bus = BusConnection.open(busUri, "ops-test-listener");
        Channel channel = bus.openChannel();
        OpsTopology.declareOpsExchange(channel);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, Topology.OPS_EXCHANGE, Heartbeat.routingKey(connector));
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                received.add(Heartbeat.parse(body));
            }
        });
    }

    /** The next heartbeat that {@code expected} accepts, skipping others; fails after 20 s. */
    Heartbeat next(String what, Predicate<Heartbeat> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Heartbeat last = null;
        while (System.nanoTime() < deadline) {
            Heartbeat heartbeat = received.poll(100, TimeUnit.MILLISECONDS);
            if (heartbeat != null) {
                last = heartbeat;
                if (expected.test(heartbeat)) {
                    return heartbeat;
                }
            }
        }
        throw new AssertionError("no heartbeat " + what + " within 20 s; last one: " + last);
    }

    @Override
    public void close() throws IOException {
        bus.close();
    }
}
