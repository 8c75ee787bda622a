package dev.ess.runtime.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds calls to a partner that is down, and lets one call through now and then to see whether
 * it is back. It decides nothing itself: {@link RetryPolicy} says when it {@linkplain #open opens}.
 *
 * <p>Closed, every caller may call. Open, callers wait; every {@code probeInterval} it is
 * half-open and lets exactly one caller probe, the one that has waited longest, so that an event
 * that always fails cannot keep the others from proving the partner is back. An answer closes it.
 * It also counts the partner's answers and its failures in a row, the {@link PartnerState} the
 * policy decides on.
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

    /** What {@link #acquire} allows. */
    public enum Permit {
        /** An ordinary call. */
        CALL,
        /** The one call that tests whether the partner is back. */
        PROBE,
        /** Stopping: do not call. */
        STOPPED
    }

    private final String name;
    private final long probeIntervalNanos;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long answers;
    private String lastFailure;
    private long probeAt;
    private boolean probing;

    /**
     * @param name for the log, e.g. the connector id
     * @param probeInterval how long it stays open before the next probe
     */
    public CircuitBreaker(String name, Duration probeInterval) {
        this(name, probeInterval, System::nanoTime);
    }

    CircuitBreaker(String name, Duration probeInterval, LongSupplier nanoClock) {
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("the probe interval must be positive, got " + probeInterval);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.probeIntervalNanos = probeInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Waits until a call may go: at once while closed; while open, until this caller's turn to
     * probe. Callers take probe turns in the order they started waiting.
     *
     * @param stopped whether the caller is stopping; checked again after each {@link #wakeAll()}
     */
    public synchronized Permit acquire(BooleanSupplier stopped) throws InterruptedException {
        if (stopped.getAsBoolean()) {
            return Permit.STOPPED;
        }
        if (state == State.CLOSED) {
            return Permit.CALL;
        }
        Object turn = new Object();
        waiting.addLast(turn);
        try {
            while (true) {
                if (stopped.getAsBoolean()) {
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

    /** The partner answered (with an acknowledgement or a fault that is the event's own): it closes. */
    public synchronized PartnerState onAnswer() {
        answers++;
        consecutiveFailures = 0;
        lastFailure = null;
        if (state != State.CLOSED) {
            LOG.info("{}: the partner answers again; calls resume", name);
            state = State.CLOSED;
            probing = false;
            notifyAll();
        }
        return partner();
    }

    /** A call failed without an answer that is the event's own; returns the state to decide on. */
    public synchronized PartnerState onFailure(Failure failure) {
        consecutiveFailures++;
        lastFailure = failure.reason();
        return partner();
    }

    /**
     * The partner counts as down: opens the breaker if it is closed. After a failed probe it
     * opens again for another interval and gives up the probe turn.
     */
    public synchronized void open(boolean probeFailed) {
        if (state == State.CLOSED) {
            LOG.warn("{}: the partner is down after {} failed call(s) in a row ({}); calls stop, probing every {} ms",
                    name, consecutiveFailures, lastFailure, probeIntervalNanos / 1_000_000);
        } else if (!probeFailed) {
            return;
        }
        state = State.OPEN;
        probing = false;
        probeAt = nanoClock.getAsLong() + probeIntervalNanos;
        notifyAll();
    }

    /** Makes every waiting caller check whether it is stopping. */
    public synchronized void wakeAll() {
        notifyAll();
    }

    public synchronized State state() {
        return state;
    }

    public synchronized PartnerState partner() {
        return new PartnerState(state != State.CLOSED, consecutiveFailures, answers);
    }

    /** Transient failures in a row since the partner last answered, probes included. */
    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Why the last call failed, or {@code null} when the partner answered it. */
    public synchronized String lastFailure() {
        return lastFailure;
    }
}
