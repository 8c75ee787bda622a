package dev.ess.runtime.delivery;

import dev.ess.runtime.store.Journal;
import dev.ess.runtime.store.SentEvent;
import dev.ess.runtime.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the partner's acknowledgements to the store in batches, one transaction each, so that
 * lanes never wait for a disk flush. An acknowledgement not yet written when the process dies
 * makes its event go out once more after the restart, carrying the same event id.
 */
public final class SentLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentLog.class);
    private static final int MAX_BATCH = 2_000;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final String connector;
    private final Journal journal;
    private final LinkedBlockingQueue<SentEvent> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    public SentLog(String connector, Journal journal) {
        this.connector = connector;
        this.journal = journal;
        this.writer = new Thread(this::write, "ess-" + connector + "-sent-log");
        writer.start();
    }

    /** Queues an acknowledgement for the next batch. */
    public void add(SentEvent sent) {
        queue.add(sent);
    }

    /** Writes what is queued, then stops; waits at most {@code timeout}. */
    public void close(Duration timeout) throws InterruptedException {
        closing = true;
        writer.join(timeout.toMillis());
        if (writer.isAlive()) {
            writer.interrupt();
            LOG.warn("{}: {} acknowledgement(s) not written; those events will be sent once more", connector,
                    queue.size());
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    private void write() {
        List<SentEvent> batch = new ArrayList<>();
        while (true) {
            try {
                if (batch.isEmpty()) {
                    SentEvent first = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing && queue.isEmpty()) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                }
                queue.drainTo(batch, MAX_BATCH - batch.size());
                journal.markSentAll(batch);
                batch.clear();
            } catch (StoreException e) {
                LOG.error("{}: cannot record {} acknowledgement(s), trying again: {}", connector, batch.size(),
                        e.getMessage());
                if (!pause()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
