package dev.ess.runtime.delivery;

import dev.ess.runtime.store.Journal;
import dev.ess.runtime.store.PendingEvent;
import dev.ess.runtime.store.StoreException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the journal's pending events to the lanes, each once, in arrival order (the journal's
 * {@code seq}).
 *
 * <p>While it keeps up, the intake {@linkplain #offer hands it} each batch it has just committed,
 * and no event is read back from the store. It reads the store instead after a start (what a
 * previous run left unsent), when a batch does not follow on from what it has (a re-drive took
 * a place in the order), when it falls behind (more than {@code maxQueued} events waiting), after
 * a {@link #wake()}, and after a second without events, for re-drives by other processes. It
 * keeps at most {@code maxInFlight} events on the lanes and {@code maxQueued} handed over; the
 * rest wait in the store, so an outage of any length costs disk, not heap.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int READ_BATCH = 500;
    private static final Duration IDLE_READ = Duration.ofSeconds(1);

    private final String connector;
    private final Journal journal;
    private final Lanes lanes;
    private final Delivery delivery;
    private final Semaphore inFlight;
    private final int maxQueued;
    /** How long to go without events before reading the store anyway. */
    private final Duration idleRead;
    private final Thread thread;
    private volatile boolean stopped;
    /** The last place in the arrival order given to the lanes; only the dispatcher thread touches it. */
    private long cursor;

    // Guarded by this.
    private final ArrayDeque<PendingEvent> handedOver = new ArrayDeque<>();
    /** Whether the next events must come from the store, handed-over ones being incomplete. */
    private boolean readStore = true;
    /** Whether an offer was refused since the store read began. */
    private boolean refused;
    /** The last place the dispatcher has, given to the lanes or handed over. */
    private long horizon;

    /** Takes one event to the partner, on lane worker {@code worker}; {@link DeliveryPipeline#deliver} in production. */
    @FunctionalInterface
    public interface Delivery {
        Outcome deliver(PendingEvent event, int worker);
    }

    public Dispatcher(String connector, Journal journal, Lanes lanes, Delivery delivery, int maxInFlight,
            int maxQueued) {
        this(connector, journal, lanes, delivery, maxInFlight, maxQueued, IDLE_READ);
    }

    Dispatcher(String connector, Journal journal, Lanes lanes, Delivery delivery, int maxInFlight, int maxQueued,
            Duration idleRead) {
        this.connector = connector;
        this.journal = journal;
        this.lanes = lanes;
        this.delivery = delivery;
        this.inFlight = new Semaphore(maxInFlight);
        this.maxQueued = maxQueued;
        this.idleRead = idleRead;
        this.thread = new Thread(this::dispatch, "ess-" + connector + "-dispatcher");
    }

    public void start() {
        thread.start();
    }

    /**
     * Hands over events just committed to the journal, in arrival order. They are taken when
     * they follow on from the events the dispatcher has; otherwise it reads the store.
     */
    public synchronized void offer(List<PendingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!readStore && events.get(0).seq() == horizon + 1 && handedOver.size() + events.size() <= maxQueued) {
            handedOver.addAll(events);
            horizon = events.get(events.size() - 1).seq();
        } else {
            storeRead();
        }
        notifyAll();
    }

    /** Tells the dispatcher to read the store: events were added to it other than by {@link #offer}. */
    public synchronized void wake() {
        storeRead();
        notifyAll();
    }

    /** Stops feeding the lanes. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
    }

    private void storeRead() {
        readStore = true;
        refused = true;
        handedOver.clear();
    }

    private void dispatch() {
        while (!stopped) {
            try {
                List<PendingEvent> handed = next();
                if (handed == null) {
                    readFromStore();
                } else {
                    submitAll(handed);
                }
            } catch (StoreException e) {
                LOG.error("{}: cannot read pending events, trying again: {}", connector, e.getMessage());
                sleepQuietly();
            } catch (InterruptedException | RejectedExecutionException e) {
                return;
            }
        }
    }

    /** Waits for handed-over events and takes them all; {@code null} when the store must be read. */
    private synchronized List<PendingEvent> next() throws InterruptedException {
        long idleUntil = System.nanoTime() + idleRead.toNanos();
        while (!readStore && handedOver.isEmpty()) {
            long left = idleUntil - System.nanoTime();
            if (left <= 0) {
                readStore = true;
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (readStore) {
            refused = false;
            return null;
        }
        List<PendingEvent> handed = new ArrayList<>(handedOver);
        handedOver.clear();
        return handed;
    }

    /**
     * Reads the next pending events from the store. When the store holds no more, and no offer
     * was refused meanwhile (its events may have been committed after the read), hand-overs
     * resume from the last event read.
     */
    private void readFromStore() throws InterruptedException {
        List<PendingEvent> events = journal.pending(cursor, READ_BATCH);
        submitAll(events);
        if (events.size() < READ_BATCH) {
            synchronized (this) {
                if (!refused) {
                    readStore = false;
                    horizon = cursor;
                }
            }
        }
    }

    private void submitAll(List<PendingEvent> events) throws InterruptedException {
        for (PendingEvent event : events) {
            if (event.seq() <= cursor) {
                continue;
            }
            inFlight.acquire();
            submit(event);
            cursor = event.seq();
        }
    }

    private void submit(PendingEvent event) {
        String key = event.eventKey() != null ? "key:" + event.eventKey() : "id:" + event.eventId();
        try {
            lanes.submit(key, worker -> {
                boolean finished = true;
                try {
                    finished = delivery.deliver(event, worker) != Outcome.YIELDED;
                    return finished;
                } finally {
                    if (finished) {
                        inFlight.release();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw e;
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
