package dev.ess.runtime;

import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the connector's partitions this instance delivers. Every second it claims partitions
 * in the store up to its share, {@code partitions / instances} rounded up, and gives back those
 * beyond it; an instance that holds none stands by. A killed instance's claims end with its
 * database session or file lock, so another instance takes its partitions over within about a
 * second. RabbitMQ's single-active-consumer queues keep a partition's queue to one consumer
 * even where the store cannot: instances given separate stores by mistake never split a stream.
 */
final class Partitions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Partitions.class);

    /** A partition this instance delivers. */
    interface Running extends AutoCloseable {
        /** Reads the partition's pending events from the store: some were added beside the intake. */
        void wake();
    }

    /** Starts delivering a partition this instance just claimed. */
    @FunctionalInterface
    interface Starter {
        Running start(int partition) throws Exception;
    }

    private final String connector;
    private final int count;
    private final EventStore store;
    private final Starter starter;
    /** Where this instance starts looking for a free partition, so that instances starting together spread out. */
    private final int offset;
    private final Map<Integer, Running> held = new TreeMap<>();
    private final List<Integer> claimOrder = new ArrayList<>();
    private boolean closed;

    Partitions(String connector, int count, EventStore store, Starter starter) {
        this.connector = connector;
        this.count = count;
        this.store = store;
        this.starter = starter;
        this.offset = ThreadLocalRandom.current().nextInt(count);
    }

    /** Claims or gives back partitions until this instance holds its share; a store failure waits for the next turn. */
    synchronized void balance() {
        if (closed) {
            return;
        }
        try {
            int members = Math.max(1, store.members());
            for (int partition : store.lostPartitions()) {
                if (held.containsKey(partition)) {
                    LOG.warn("{}: another instance took partition {} over while the store was out of reach", connector,
                            partition);
                    stop(partition, false);
                }
            }
            int share = (count + members - 1) / members;
            while (held.size() > share) {
                stop(claimOrder.get(claimOrder.size() - 1), true);
            }
            for (int i = 0; i < count && held.size() < share; i++) {
                int partition = (offset + i) % count;
                if (!held.containsKey(partition) && store.tryClaim(partition)) {
                    start(partition);
                }
            }
        } catch (StoreException e) {
            LOG.error("{}: cannot share the partitions, trying again: {}", connector, e.getMessage());
        }
    }

    /** The partitions this instance delivers now, in order. */
    synchronized List<Integer> held() {
        return List.copyOf(held.keySet());
    }

    /** Makes every partition this instance delivers read its pending events from the store, after a re-drive. */
    synchronized void wakeAll() {
        held.values().forEach(Running::wake);
    }

    /** Stops every partition this instance delivers and gives their claims back. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Integer partition : List.copyOf(claimOrder)) {
            stop(partition, true);
        }
    }

    private void start(int partition) {
        try {
            held.put(partition, starter.start(partition));
            claimOrder.add(partition);
            LOG.info("{}: delivering partition {} of {}", connector, partition, count);
        } catch (Exception e) {
            LOG.error("{}: cannot start partition {}, trying again: {}", connector, partition, e.toString());
            store.release(partition);
        }
    }

    /** @param release whether to give the claim back: not when it was lost already */
    private void stop(int partition, boolean release) {
        Running running = held.remove(partition);
        claimOrder.remove(Integer.valueOf(partition));
        try {
            running.close();
        } catch (Exception e) {
            LOG.warn("{}: partition {} did not stop cleanly: {}", connector, partition, e.toString());
        }
        if (release) {
            try {
                store.release(partition);
            } catch (StoreException e) {
                LOG.warn("{}: cannot give back partition {}: {}", connector, partition, e.getMessage());
            }
        }
        LOG.info("{}: gave partition {} of {} back", connector, partition, count);
    }
}
