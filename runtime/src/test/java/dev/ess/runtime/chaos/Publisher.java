package dev.ess.runtime.chaos;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the chaos stream at a steady rate, with publisher confirms: event {@code n} has key
 * {@code K-<n mod keys>} and {@code n} as its street; every hundredth is malformed. A batch the
 * broker did not confirm (it was restarting) is published again, ids unchanged, once it is back.
 */
final class Publisher implements AutoCloseable {

    private static final int CONFIRM_BATCH = 50;

    private final BusConnection bus;
    private final String run;
    private final String topic;
    private final int keys;
    private Channel channel;

    Publisher(String busUri, String run, String topic, int keys) {
        this.bus = BusConnection.open(busUri, "ess-chaos-publisher");
        this.run = run;
        this.topic = topic;
        this.keys = keys;
    }

    /** Publishes events 0 to {@code count - 1} at {@code perSecond}; returns when all are confirmed. */
    void publish(int count, int perSecond) throws InterruptedException {
        long start = System.nanoTime();
        for (int first = 0; first < count; first += CONFIRM_BATCH) {
            int last = Math.min(count, first + CONFIRM_BATCH);
            long due = start + TimeUnit.SECONDS.toNanos(first) / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            while (!publishConfirmed(first, last)) {
                Thread.sleep(500);
            }
        }
    }

    static boolean malformed(int n) {
        return n % 100 == 99;
    }

    String eventId(int n) {
        return run + "-" + n;
    }

    private boolean publishConfirmed(int first, int last) throws InterruptedException {
        try {
            if (channel == null || !channel.isOpen()) {
                channel = bus.openChannel();
                channel.confirmSelect();
            }
            for (int n = first; n < last; n++) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(eventId(n))
                        .deliveryMode(2).contentType("application/json").build();
                String body = malformed(n) ? "{\"permit_id\": \"K-" + (n % keys) + "\", broken"
                        : "{\"permit_id\":\"K-" + (n % keys) + "\",\"street\":\"" + n + "\",\"truck_limit\":" + (n % 40) + "}";
                channel.basicPublish(Topology.EVENTS_EXCHANGE, topic, properties, body.getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(10_000);
            return true;
        } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
            channel = null;
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        bus.close();
    }
}
