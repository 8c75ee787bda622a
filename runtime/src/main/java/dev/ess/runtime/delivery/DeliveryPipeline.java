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
 * Takes one journalled event to the partner: parse, map, send through the circuit breaker, then
 * record the result. After a failed call it asks {@link RetryPolicy} what to do and does it:
 * park, retry after a pause, wait for the partner, or yield the lane. Lanes call it, each with
 * its own port, one event of a key at a time.
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
    private final RetryPolicy policy;
    private final Clock clock;
    private final ParkedEventSink parkedEvents;
    private final DeliveryObserver observer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The histories of events that yielded their lane, by event id, until they run again. */
    private final Map<String, History> yielded = new ConcurrentHashMap<>();
    private final RecentOutcomes outcomes;

    /**
     * @param ports one configured port of the partner's service per lane worker
     * @param sentLog where acknowledgements are recorded
     * @param parkedEvents told of each event parked, once it is in the store
     * @param observer told of every step, for metrics
     * @param outcomes where the last acknowledgement and the parks since are kept
     */
    public DeliveryPipeline(SoapConnector<P, Q, ?> connector, List<P> ports, Journal journal, SentLog sentLog,
            ErrorClassifier classifier, CircuitBreaker breaker, RetryPolicy policy, Clock clock,
            ParkedEventSink parkedEvents, DeliveryObserver observer, RecentOutcomes outcomes) {
        this.connector = connector;
        this.spec = connector.spec();
        this.ports = List.copyOf(ports);
        this.journal = journal;
        this.sentLog = sentLog;
        this.classifier = classifier;
        this.breaker = breaker;
        this.policy = policy;
        this.clock = clock;
        this.parkedEvents = parkedEvents;
        this.observer = observer;
        this.outcomes = outcomes;
    }

    /**
     * Delivers one event with the port of lane worker {@code worker}. A send in progress always
     * completes; after {@link #stop()} no new call starts and a back-off pause or a wait for the
     * partner ends at once, with {@link Outcome#STOPPED}: the event stays pending in the journal.
     * {@link Outcome#YIELDED} gives the lane to another key; delivering the event again goes on
     * from its history.
     */
    public Outcome deliver(PendingEvent event, int worker) {
        if (isStopped()) {
            return Outcome.STOPPED;
        }
        History history = yielded.remove(event.eventId());
        if (history == null) {
            history = History.of(event.attempts());
        }
        Arrival arrival = Arrival.of(spec, event.eventId(), event.routingKey(), event.body(), event.receivedAt());
        if (arrival.malformed() != null) {
            return park(arrival, OneLine.of("malformed event: " + arrival.malformed()), history.attempts());
        }
        Q request;
        try {
            request = connector.map(arrival.event());
        } catch (RuntimeException e) {
            return park(arrival, classifier.classifyMapping(e).reason(), history.attempts());
        }
        return send(arrival, request, ports.get(worker), history);
    }

    /** Stops new calls and ends back-off pauses and waits for the partner; calls on the wire finish. */
    public void stop() {
        stopped.countDown();
        breaker.wakeAll();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private Outcome send(Arrival arrival, Q request, P port, History start) {
        History history = start;
        while (true) {
            CircuitBreaker.Permit permit;
            try {
                permit = breaker.acquire(this::isStopped);
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
                return sent(arrival, history.attempts() + 1);
            } catch (Exception e) {
                failure = classifier.classifySend(e);
            }
            PartnerState partner = failure.kind() == FailureKind.PERMANENT ? breaker.onAnswer()
                    : breaker.onFailure(failure);
            Decision decision = policy.next(failure, history.withProbe(permit == CircuitBreaker.Permit.PROBE), partner);
            if (decision instanceof Decision.Park park) {
                return park(arrival, park.reason(), park.attempts());
            }
            observer.retried(arrival.eventId(), history.attempts(), failure.reason());
            if (decision instanceof Decision.Yield yield) {
                breaker.open(true);
                yielded.put(arrival.eventId(), yield.history());
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {}: probe failed, the lane goes to the next key: {}", spec.id(), about(arrival),
                            failure.reason());
                }
                return Outcome.YIELDED;
            }
            if (decision instanceof Decision.WaitForPartner wait) {
                breaker.open(false);
                history = wait.history();
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {}: partner down, waiting for it: {}", spec.id(), about(arrival), failure.reason());
                }
                continue;
            }
            Decision.RetryAfter retry = (Decision.RetryAfter) decision;
            if (retry.history().attempts() != history.attempts() && !recordFailure(arrival, retry, failure)) {
                return Outcome.STOPPED;
            }
            history = retry.history();
            Duration pause = Backoff.jittered(retry.pause());
            LOG.warn("{} {} failed ({} counted attempt(s)), retrying in {} ms: {}", spec.id(), about(arrival),
                    history.attempts(), pause.toMillis(), failure.reason());
            if (!pauseUnlessStopped(pause)) {
                return Outcome.STOPPED;
            }
        }
    }

    private boolean recordFailure(Arrival arrival, Decision.RetryAfter retry, Failure failure) {
        return withStore(() -> {
            journal.recordFailure(arrival.eventId(), retry.history().attempts(), failure.reason());
            return Boolean.TRUE;
        });
    }

    private Outcome sent(Arrival arrival, int attempts) {
        Instant sentAt = clock.instant();
        outcomes.sent(sentAt);
        observer.sent(arrival.eventId(), Duration.between(arrival.receivedAt(), sentAt), attempts);
        sentLog.add(new SentEvent(arrival.eventId(), arrival.routingKey(), attempts, sentAt));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} sent, attempt {}", spec.id(), about(arrival), attempts);
        }
        return Outcome.SENT;
    }

    private Outcome park(Arrival arrival, String reason, int attempts) {
        Instant parkedAt = clock.instant();
        if (!withStore(() -> {
            journal.park(arrival.eventId(), reason, attempts, parkedAt);
            return Boolean.TRUE;
        })) {
            return Outcome.STOPPED;
        }
        outcomes.parked();
        parkedEvents.parked(new ParkedEvent(spec.id(), arrival.eventId(), arrival.routingKey(), arrival.key(),
                arrival.body(), reason, attempts, parkedAt));
        observer.parked(arrival.eventId(), reason);
        LOG.warn("{} {} parked after {} attempt(s): {}", spec.id(), about(arrival), attempts, reason);
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
