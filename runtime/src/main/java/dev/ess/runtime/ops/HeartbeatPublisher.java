package dev.ess.runtime.ops;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code heartbeat_sec}: pings the partner when the manifest names a {@code ping_url},
 * then publishes a {@link Heartbeat} to {@code hms.ops} and waits for the broker's confirm, so
 * that a heartbeat the broker did not take is reported, not assumed. The first one goes out at
 * once; on {@link #close()} a last one says {@link Heartbeat.Status#STOPPED}.
 */
final class HeartbeatPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);
    private static final long CONFIRM_TIMEOUT_MS = 5_000;
    private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(1)
            .build();

    private final Channel channel;
    private final HeartbeatSource source;
    private final PartnerPing ping;
    private final ScheduledExecutorService scheduler;
    private boolean failing;

    private HeartbeatPublisher(Channel channel, HeartbeatSource source, PartnerPing ping, ScheduledExecutorService scheduler) {
        this.channel = channel;
        this.source = source;
        this.ping = ping;
        this.scheduler = scheduler;
    }

    /** @param ping the partner's ping, or {@code null} */
    static HeartbeatPublisher start(BusConnection bus, HeartbeatSource source, PartnerPing ping, String connector,
            int intervalSeconds) throws IOException {
        Channel channel = bus.openChannel();
        OpsTopology.declareOpsExchange(channel);
        channel.confirmSelect();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ess-" + connector + "-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        HeartbeatPublisher publisher = new HeartbeatPublisher(channel, source, ping, scheduler);
        scheduler.scheduleAtFixedRate(publisher::beat, 0, intervalSeconds, TimeUnit.SECONDS);
        return publisher;
    }

    private void beat() {
        try {
            if (ping != null) {
                ping.ping();
            }
            publish(source.fresh());
        } catch (RuntimeException e) {
            // A failed beat must not end the schedule: the next one tries again.
            LOG.warn("heartbeat failed: {}", e.toString());
        }
    }

    private synchronized void publish(Heartbeat heartbeat) {
        try {
            channel.basicPublish(Topology.OPS_EXCHANGE, Heartbeat.routingKey(heartbeat.connector()), PROPERTIES,
                    heartbeat.toBytes());
            if (!channel.waitForConfirms(CONFIRM_TIMEOUT_MS)) {
                throw new IOException("the broker refused it (nack)");
            }
            if (failing) {
                LOG.info("{}: heartbeats are published again", heartbeat.connector());
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (!failing) {
                LOG.warn("{}: cannot publish a heartbeat: {}", heartbeat.connector(), e.toString());
                failing = true;
            }
        }
    }

    /** Stops the schedule and publishes the last heartbeat, {@link Heartbeat.Status#STOPPED}. */
    @Override
    public void close() {
        // Not shutdownNow(): interrupting a publish in progress would close the channel.
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publish(source.fresh().stopped());
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debug("cannot close the heartbeat channel: {}", e.toString());
        }
    }
}
