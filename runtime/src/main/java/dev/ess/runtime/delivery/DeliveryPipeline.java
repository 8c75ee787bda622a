package dev.ess.runtime.delivery;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.DeliveryObserver;
import dev.ess.runtime.OneLine;
import dev.ess.runtime.SoapConnector;
import dev.ess.runtime.soap.EventIdHeader;
import dev.ess.runtime.store.Journal;
import dev.ess.runtime.store.ParkedEvent;
import dev.ess.runtime.store.PendingEvent;
import dev.ess.runtime.store.SentEvent;
import dev.ess.runtime.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one journalled event to the partner: parse, map, send through the circuit breaker with
 * retries, then record the result. Lanes call it, each with its own port, one event of a key at
 * a time.
 *
 * <p>Only transient failures while the breaker is closed count against {@code max_retry}; a
 * failure that opens the breaker, or happens while it is open, belongs to the outage. While the
 * breaker is open the lane waits for its probe turn, however long the outage lasts.
 *
 * @param <P> the port type
 * @param <Q> the request type
 */
public final class DeliveryPipeline<P, Q> {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPipeline.class);
    private static final Duration STORE_RETRY_PAUSE = Duration.ofSeconds(1);

    private final SoapConnector<P, Q, ?> connector;
    private final ConnectorSpec spec;
    private final List<P> ports;
    private final Journal journal;
    private final SentLog sentLog;
    private final ErrorClassifier classifier;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final Clock clock;
    private final ParkedEventSink parkedEvents;
    private final DeliveryObserver observer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The counted attempts of events that yielded their lane, by event id, until they run again. */
    private final Map<String, Integer> yieldedAttempts = new ConcurrentHashMap<>();
    private volatile Instant lastSent;

    /**
     * @param ports one configured port of the partner's service per lane worker
     * @param sentLog where acknowledgements are recorded
     * @param parkedEvents told of each event parked, once it is in the store
     * @param observer told of every step, for metrics
     */
    public DeliveryPipeline(SoapConnector<P, Q, ?> connector, List<P> ports, Journal journal, SentLog sentLog,
            ErrorClassifier classifier, CircuitBreaker breaker, Backoff backoff, Clock clock,
            ParkedEventSink parkedEvents, DeliveryObserver observer) {
        this.connector = connector;
        this.spec = connector.spec();
        this.ports = List.copyOf(ports);
        this.journal = journal;
        this.sentLog = sentLog;
        this.classifier = classifier;
        this.breaker = breaker;
        this.backoff = backoff;
        this.clock = clock;
        this.parkedEvents = parkedEvents;
        this.observer = observer;
    }

    /**
     * Delivers one event with the port of lane worker {@code worker}. A send in progress always
     * completes; after {@link #stop()} no new call starts and a back-off pause or a wait for the
     * partner ends at once, with {@link Outcome#STOPPED}: the event stays pending in the journal.
     * When the event's probe of a partner that is down fails, it returns {@link Outcome#YIELDED},
     * so that on a single lane an event the partner never answers cannot be the only one ever to
     * probe; delivering it again goes on from the attempts counted so far.
     */
    public Outcome deliver(PendingEvent event, int worker) {
        if (isStopped()) {
            return Outcome.STOPPED;
        }
        Integer yielded = yieldedAttempts.remove(event.eventId());
        int attempts = yielded != null ? yielded : event.attempts();
        Arrival arrival = Arrival.of(spec, event.eventId(), event.routingKey(), event.body(), event.receivedAt());
        if (arrival.malformed() != null) {
            return park(arrival, new Failure(FailureKind.PERMANENT, "malformed event: " + arrival.malformed()),
                    attempts);
        }
        Q request;
        try {
            request = connector.map(arrival.event());
        } catch (RuntimeException e) {
            return park(arrival, classifier.classifyMapping(e), attempts);
        }
        return sendWithRetries(arrival, request, ports.get(worker), attempts);
    }

    /** Stops new calls and ends back-off pauses and waits for the partner; calls on the wire finish. */
    public void stop() {
        stopped.countDown();
        breaker.stop();
    }

    /** Failed calls to the partner since it last answered. */
    public int consecutiveFailures() {
        return breaker.consecutiveFailures();
    }

    /** Whether calls go to the partner: false while the breaker treats it as down. */
    public boolean partnerAvailable() {
        return breaker.state() == CircuitBreaker.State.CLOSED;
    }

    /** When the partner last acknowledged an event of this run, or {@code null}. */
    public Instant lastSent() {
        return lastSent;
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private Outcome sendWithRetries(Arrival arrival, Q request, P port, int earlierAttempts) {
        int attempts = earlierAttempts;
        while (true) {
            CircuitBreaker.Permit permit;
            try {
                permit = breaker.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.STOPPED;
            }
            if (permit == CircuitBreaker.Permit.STOPPED || isStopped()) {
                return Outcome.STOPPED;
            }
            Failure failure;
            try {
                EventIdHeader.set(port, arrival.eventId());
                connector.send(port, request);
                breaker.onAnswer();
                return sent(arrival, attempts + 1);
            } catch (Exception e) {
                failure = classifier.classifySend(e);
            }
            if (!failure.isTransient()) {
                breaker.onAnswer();
                return park(arrival, failure, attempts + 1);
            }
            boolean probe = permit == CircuitBreaker.Permit.PROBE;
            boolean counts = breaker.onFailure(arrival.eventId(), failure, probe);
            if (!counts) {
                observer.retried(arrival.eventId(), attempts, failure.reason());
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {}: partner down, waiting for it: {}", spec.id(), about(arrival), failure.reason());
                }
                if (probe) {
                    yieldedAttempts.put(arrival.eventId(), attempts);
                    return Outcome.YIELDED;
                }
                continue;
            }
            attempts++;
            if (attempts > spec.maxRetry()) {
                return park(arrival, new Failure(failure.kind(),
                        "gave up after " + attempts + " attempts: " + failure.reason()), attempts);
            }
            int counted = attempts;
            if (!withStore(() -> {
                journal.recordFailure(arrival.eventId(), counted, failure.reason());
                return Boolean.TRUE;
            })) {
                return Outcome.STOPPED;
            }
            observer.retried(arrival.eventId(), attempts, failure.reason());
            Duration pause = backoff.delay(attempts);
            LOG.warn("{} {} attempt {} failed, retrying in {} ms: {}", spec.id(), about(arrival), attempts,
                    pause.toMillis(), failure.reason());
            if (!pauseUnlessStopped(pause)) {
                return Outcome.STOPPED;
            }
        }
    }

    private Outcome sent(Arrival arrival, int attempts) {
        Instant sentAt = clock.instant();
        lastSent = sentAt;
        observer.sent(arrival.eventId(), Duration.between(arrival.receivedAt(), sentAt), attempts);
        sentLog.add(new SentEvent(arrival.eventId(), arrival.routingKey(), attempts, sentAt));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} sent, attempt {}", spec.id(), about(arrival), attempts);
        }
        return Outcome.SENT;
    }

    private Outcome park(Arrival arrival, Failure failure, int attempts) {
        Instant parkedAt = clock.instant();
        if (!withStore(() -> {
            journal.park(arrival.eventId(), failure.reason(), attempts, parkedAt);
            return Boolean.TRUE;
        })) {
            return Outcome.STOPPED;
        }
        parkedEvents.parked(new ParkedEvent(spec.id(), arrival.eventId(), arrival.routingKey(), arrival.key(),
                arrival.body(), failure.reason(), attempts, parkedAt));
        observer.parked(arrival.eventId(), failure.reason());
        LOG.warn("{} {} parked after {} attempt(s): {}", spec.id(), about(arrival), attempts, failure.reason());
        return Outcome.PARKED;
    }

    /** Runs a store write, trying again while the store fails; false when stopped first. */
    private boolean withStore(Supplier<Boolean> write) {
        while (true) {
            try {
                return write.get();
            } catch (StoreException e) {
                LOG.error("{}: store write failed, trying again: {}", spec.id(), e.getMessage());
                if (!pauseUnlessStopped(STORE_RETRY_PAUSE)) {
                    return false;
                }
            }
        }
    }

    /** Waits, unless stopped first; returns whether the full pause elapsed. */
    public boolean pauseUnlessStopped(Duration pause) {
        try {
            return !stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An event as a log line names it; its id, routing key and key come from outside, so they are escaped. */
    private String about(Arrival arrival) {
        String key = arrival.key() == null ? "" : " " + spec.key() + "=" + arrival.key();
        return "event " + OneLine.of(arrival.eventId()) + " (" + OneLine.of(arrival.routingKey() + key) + ")";
    }
}
