package dev.ess.runtime.delivery;

import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.PendingEvent;
import dev.ess.runtime.store.StoreException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the journal's pending events to the lanes, in arrival order: after a start, everything
 * a previous run left unsent; then each batch the intake journals, and events re-driven. It
 * keeps at most {@code maxInFlight} events in memory; the rest wait in the store, so an outage
 * of any length costs disk, not heap.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int READ_BATCH = 500;
    /** How often the store is read without a wake-up, for events re-driven from outside this process. */
    private static final long IDLE_READ_MILLIS = 1_000;

    private final String connector;
    private final EventStore store;
    private final Lanes lanes;
    private final DeliveryPipeline<?, ?> pipeline;
    private final Semaphore inFlight;
    private final Object wakeUp = new Object();
    private final Thread thread;
    private boolean woken;
    private volatile boolean stopped;
    private long cursor;

    public Dispatcher(String connector, EventStore store, Lanes lanes, DeliveryPipeline<?, ?> pipeline, int maxInFlight) {
        this.connector = connector;
        this.store = store;
        this.lanes = lanes;
        this.pipeline = pipeline;
        this.inFlight = new Semaphore(maxInFlight);
        this.thread = new Thread(this::dispatch, "ess-" + connector + "-dispatcher");
    }

    public void start() {
        thread.start();
    }

    /** Tells the dispatcher that new events are pending. */
    public void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notify();
        }
    }

    /** Stops feeding the lanes. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
    }

    private void dispatch() {
        while (!stopped) {
            try {
                List<PendingEvent> events = store.pending(connector, cursor, READ_BATCH);
                if (events.isEmpty()) {
                    awaitWakeUp();
                    continue;
                }
                for (PendingEvent event : events) {
                    inFlight.acquire();
                    submit(event);
                    cursor = event.seq();
                }
            } catch (StoreException e) {
                LOG.error("{}: cannot read pending events, trying again: {}", connector, e.getMessage());
                sleepQuietly();
            } catch (InterruptedException | RejectedExecutionException e) {
                return;
            }
        }
    }

    private void submit(PendingEvent event) {
        String key = event.eventKey() != null ? "key:" + event.eventKey() : "id:" + event.eventId();
        try {
            lanes.submit(key, worker -> {
                try {
                    pipeline.deliver(event, worker);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw e;
        }
    }

    private void awaitWakeUp() throws InterruptedException {
        synchronized (wakeUp) {
            if (!woken) {
                wakeUp.wait(IDLE_READ_MILLIS);
            }
            woken = false;
        }
    }

    private void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
