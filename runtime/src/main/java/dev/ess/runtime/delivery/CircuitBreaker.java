package dev.ess.runtime.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calls to a partner that is down, and lets one call through now and then to see whether
 * it is back.
 *
 * <p>Closed, every caller may call. After {@code threshold} transient failures in a row it
 * opens, provided they look like an outage rather than one bad event: the partner gave no
 * answer ({@link Failure#partnerUnreachable()}), or more than one event failed. Open, callers
 * wait; every {@code probeInterval} it is half-open and lets exactly one caller probe, the one
 * that has waited longest, so that an event that always fails cannot keep the others from
 * proving the partner is back. The probe's success closes it; its failure opens it again.
 *
 * <p>Failures while open, or that open it, belong to the outage: {@link #onFailure} says they
 * do not count against the event's {@code max_retry}.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    /** Where the breaker stands. */
    public enum State {
        /** The partner answers: calls go through. */
        CLOSED,
        /** The partner is down: calls wait for the next probe. */
        OPEN,
        /** A probe may go, or is on its way. */
        HALF_OPEN
    }

    /** What {@link #acquire()} allows. */
    public enum Permit {
        /** An ordinary call. */
        CALL,
        /** The one call that tests whether the partner is back. */
        PROBE,
        /** Stopping: do not call. */
        STOPPED
    }

    private final String name;
    private final int threshold;
    private final long probeIntervalNanos;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private String firstFailedEvent;
    private boolean severalEventsFailed;
    private boolean allUnreachable = true;
    private long probeAt;
    private boolean probing;
    private boolean stopped;

    /**
     * @param name for the log, e.g. the connector id
     * @param threshold transient failures in a row that open the breaker; at least 1
     * @param probeInterval how long it stays open before the next probe
     */
    public CircuitBreaker(String name, int threshold, Duration probeInterval) {
        this(name, threshold, probeInterval, System::nanoTime);
    }

    CircuitBreaker(String name, int threshold, Duration probeInterval, LongSupplier nanoClock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("the failure threshold must be at least 1, got " + threshold);
        }
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("the probe interval must be positive, got " + probeInterval);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.threshold = threshold;
        this.probeIntervalNanos = probeInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Waits until a call may go: at once while closed; while open, until this caller's turn to
     * probe. Callers take probe turns in the order they started waiting.
     */
    public synchronized Permit acquire() throws InterruptedException {
        if (stopped) {
            return Permit.STOPPED;
        }
        if (state == State.CLOSED) {
            return Permit.CALL;
        }
        Object turn = new Object();
        waiting.addLast(turn);
        try {
            while (true) {
                if (stopped) {
                    return Permit.STOPPED;
                }
                if (state == State.CLOSED) {
                    return Permit.CALL;
                }
                long now = nanoClock.getAsLong();
                if (state == State.OPEN && now - probeAt >= 0) {
                    state = State.HALF_OPEN;
                }
                if (state == State.HALF_OPEN && !probing && waiting.peekFirst() == turn) {
                    probing = true;
                    return Permit.PROBE;
                }
                long waitMillis = state == State.OPEN ? Math.max(1, (probeAt - now) / 1_000_000) : 0;
                wait(waitMillis);
            }
        } finally {
            waiting.remove(turn);
            notifyAll();
        }
    }

    /** The partner answered (with an acknowledgement or a fault that is the event's own). */
    public synchronized void onAnswer() {
        consecutiveFailures = 0;
        firstFailedEvent = null;
        severalEventsFailed = false;
        allUnreachable = true;
        if (state != State.CLOSED) {
            LOG.info("{}: the partner answers again; calls resume", name);
            state = State.CLOSED;
            probing = false;
            notifyAll();
        }
    }

    /**
     * A call failed with a transient error.
     *
     * @param probe whether the call was a {@link Permit#PROBE}
     * @return whether the failure counts against the event's {@code max_retry}: false when the
     *     breaker was open already or opens now
     */
    public synchronized boolean onFailure(String eventId, Failure failure, boolean probe) {
        consecutiveFailures++;
        if (probe) {
            probing = false;
            reopen();
            return false;
        }
        if (state != State.CLOSED) {
            return false;
        }
        if (firstFailedEvent == null) {
            firstFailedEvent = eventId;
        } else if (!firstFailedEvent.equals(eventId)) {
            severalEventsFailed = true;
        }
        allUnreachable &= failure.partnerUnreachable();
        if (consecutiveFailures >= threshold && (severalEventsFailed || allUnreachable)) {
            LOG.warn("{}: the partner failed {} calls in a row ({}); calls stop, probing every {} ms", name,
                    consecutiveFailures, failure.reason(), probeIntervalNanos / 1_000_000);
            reopen();
            return false;
        }
        return true;
    }

    /** Ends every wait with {@link Permit#STOPPED}. */
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    public synchronized State state() {
        return state;
    }

    /** Transient failures in a row since the partner last answered, probes included. */
    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    private void reopen() {
        state = State.OPEN;
        probeAt = nanoClock.getAsLong() + probeIntervalNanos;
        notifyAll();
    }
}
