package dev.ess.runtime.bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.delivery.Arrival;
import dev.ess.runtime.store.Journal;
import dev.ess.runtime.store.ReceivedEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a connector queue declared before ESS used single-active-consumer queues (RabbitMQ
 * cannot add the argument to an existing queue) without losing or reordering an event:
 * <ol>
 *   <li>a queue {@code ess.<id>.migrating} is bound beside the old one, then the old one unbound,
 *       so that every new event lands in the new queue, some in both;
 *   <li>the old queue is drained into the journal, oldest first, and deleted;
 *   <li>{@code ess.<id>} is declared again, with the argument, bound, and the migrating queue
 *       unbound, drained into the journal and deleted.
 * </ol>
 * Events in two queues are journalled once. Each step can be repeated, so a migration cut short
 * by a crash finishes at the next start. Run by the instance that holds partition 0, before the
 * intake starts.
 */
public final class LegacyQueueMigration {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyQueueMigration.class);
    private static final int BATCH = 500;

    private final BusConnection bus;
    private final ConnectorSpec spec;
    private final Journal journal;
    private final Clock clock;
    private final String migrating;

    public LegacyQueueMigration(BusConnection bus, ConnectorSpec spec, Journal journal, Clock clock) {
        this.bus = bus;
        this.spec = spec;
        this.journal = journal;
        this.clock = clock;
        this.migrating = spec.queue() + ".migrating";
    }

    /** Migrates when there is something to migrate; returns how many events were journalled. */
    public int run() throws IOException {
        boolean legacy = !declaresAsSingleActive(spec.queue());
        if (!legacy && !exists(migrating)) {
            return 0;
        }
        LOG.warn("{}: moving queue {} to a single-active-consumer queue", spec.id(), spec.queue());
        int journalled = 0;
        try (Channel channel = bus.openChannel()) {
            channel.queueDeclare(migrating, true, false, false, Topology.SINGLE_ACTIVE_CONSUMER);
            channel.queueBind(migrating, Topology.EVENTS_EXCHANGE, spec.listenTopic());
            if (legacy) {
                channel.queueUnbind(spec.queue(), Topology.EVENTS_EXCHANGE, spec.listenTopic());
                journalled += drain(channel, spec.queue());
                channel.queueDelete(spec.queue());
            }
            Topology.declareIntake(channel, spec);
            channel.queueUnbind(migrating, Topology.EVENTS_EXCHANGE, spec.listenTopic());
            journalled += drain(channel, migrating);
            channel.queueDelete(migrating);
        } catch (TimeoutException e) {
            throw new IOException("cannot close the migration's channel", e);
        }
        LOG.warn("{}: queue {} migrated, {} event(s) journalled from the old queues", spec.id(), spec.queue(), journalled);
        return journalled;
    }

    /** Whether the queue is absent or already single-active; a channel error 406 says it is not. */
    private boolean declaresAsSingleActive(String queue) throws IOException {
        Channel probe = bus.openChannel();
        try {
            probe.queueDeclare(queue, true, false, false, Topology.SINGLE_ACTIVE_CONSUMER);
            probe.close();
            return true;
        } catch (IOException e) {
            if (!Topology.isPreconditionFailed(e)) {
                throw e;
            }
            return false;
        } catch (TimeoutException e) {
            return true;
        }
    }

    private boolean exists(String queue) throws IOException {
        Channel probe = bus.openChannel();
        try {
            probe.queueDeclarePassive(queue);
            probe.close();
            return true;
        } catch (IOException e) {
            if (probe.isOpen()) {
                throw e;
            }
            return false; // NOT_FOUND
        } catch (TimeoutException e) {
            return true;
        }
    }

    private int drain(Channel channel, String queue) throws IOException {
        int count = 0;
        while (true) {
            List<GetResponse> batch = new ArrayList<>();
            GetResponse message;
            while (batch.size() < BATCH && (message = channel.basicGet(queue, false)) != null) {
                batch.add(message);
            }
            if (batch.isEmpty()) {
                return count;
            }
            Map<Integer, List<ReceivedEvent>> byPartition = new TreeMap<>();
            for (GetResponse each : batch) {
                String routingKey = each.getEnvelope().getRoutingKey();
                Arrival arrival = Arrival.of(spec, EventIds.of(each.getProps(), each.getBody()), routingKey,
                        each.getBody(), clock.instant());
                byPartition.computeIfAbsent(Partitioning.of(arrival.laneKey(), spec.partitions()), p -> new ArrayList<>())
                        .add(new ReceivedEvent(arrival.eventId(), routingKey, arrival.key(), arrival.body(),
                                arrival.receivedAt()));
            }
            byPartition.forEach(journal::receiveAll);
            channel.basicAck(batch.get(batch.size() - 1).getEnvelope().getDeliveryTag(), true);
            count += batch.size();
        }
    }
}
