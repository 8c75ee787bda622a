package dev.ess.runtime.delivery;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.DeliveryObserver;
import dev.ess.runtime.SoapConnector;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.JournalEntry;
import dev.ess.runtime.store.ParkedEvent;
import dev.ess.runtime.store.ReceivedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one event from arrival to the partner: journal, dedupe, map, send with retries, then
 * record the result. Knows nothing of the bus; the caller settles the broker message from the
 * returned {@link Outcome}. Safe to call from several lanes at once.
 *
 * @param <P> the port type
 * @param <Q> the request type
 */
public final class DeliveryPipeline<P, Q> {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPipeline.class);

    private final SoapConnector<P, Q, ?> connector;
    private final ConnectorSpec spec;
    private final P port;
    private final EventStore store;
    private final ErrorClassifier classifier;
    private final Backoff backoff;
    private final Clock clock;
    private final ParkedEventSink parkedEvents;
    private final DeliveryObserver observer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Instant lastSent;

    /**
     * @param port a port of the partner's service, already configured; shared by all lanes
     * @param parkedEvents told of each event parked, once it is in the store
     * @param observer told of every step, for metrics
     */
    public DeliveryPipeline(SoapConnector<P, Q, ?> connector, P port, EventStore store, ErrorClassifier classifier,
            Backoff backoff, Clock clock, ParkedEventSink parkedEvents, DeliveryObserver observer) {
        this.connector = connector;
        this.spec = connector.spec();
        this.port = port;
        this.store = store;
        this.classifier = classifier;
        this.backoff = backoff;
        this.clock = clock;
        this.parkedEvents = parkedEvents;
        this.observer = observer;
    }

    /**
     * Delivers one event. A send in progress always completes; after {@link #stop()} no new
     * delivery starts and a back-off pause ends at once, with {@link Outcome#STOPPED}.
     *
     * @throws dev.ess.runtime.store.StoreException when the store fails; the message must then
     *     be delivered again later
     */
    public Outcome deliver(Arrival arrival) {
        if (isStopped()) {
            return Outcome.STOPPED;
        }
        long start = System.nanoTime();
        JournalEntry entry = store.receive(new ReceivedEvent(spec.id(), arrival.eventId(), arrival.routingKey(),
                arrival.key(), arrival.body(), arrival.receivedAt()));
        switch (entry.status()) {
            case SENT -> {
                observer.duplicate(arrival.eventId());
                LOG.info("{} event {} ({}) already sent at {}, skipped", spec.id(), arrival.eventId(),
                        arrival.routingKey(), entry.sentAt());
                return Outcome.DUPLICATE;
            }
            case PARKED -> {
                observer.duplicate(arrival.eventId());
                LOG.info("{} event {} ({}) already parked, skipped", spec.id(), arrival.eventId(), arrival.routingKey());
                return Outcome.DUPLICATE;
            }
            case RECEIVED -> {
                // A first delivery, or a redelivery of an event not sent yet: go on.
                if (entry.attempts() == 0) {
                    observer.received(arrival.eventId());
                }
            }
        }
        if (arrival.malformed() != null) {
            return park(arrival, new Failure(FailureKind.PERMANENT, "malformed event: " + arrival.malformed()),
                    entry.attempts());
        }
        Q request;
        try {
            request = connector.map(arrival.event());
        } catch (RuntimeException e) {
            return park(arrival, classifier.classifyMapping(e), entry.attempts());
        }
        return sendWithRetries(arrival, request, entry.attempts(), start);
    }

    /** Stops new deliveries and ends back-off pauses; sends already on the wire finish. */
    public void stop() {
        stopped.countDown();
    }

    /** Failed calls to the partner since it last acknowledged an event. */
    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    /** When the partner last acknowledged an event of this run, or {@code null}. */
    public Instant lastSent() {
        return lastSent;
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private Outcome sendWithRetries(Arrival arrival, Q request, int earlierAttempts, long start) {
        int attempts = earlierAttempts;
        for (int retry = 0; ; retry++) {
            attempts++;
            Failure failure;
            try {
                connector.send(port, request);
                Instant sentAt = clock.instant();
                store.markSent(spec.id(), arrival.eventId(), arrival.routingKey(), attempts, sentAt);
                lastSent = sentAt;
                consecutiveFailures.set(0);
                observer.sent(arrival.eventId(), Duration.between(arrival.receivedAt(), sentAt), attempts);
                LOG.info("{} event {} ({}{}) sent in {} ms, attempt {}", spec.id(), arrival.eventId(),
                        arrival.routingKey(), keySuffix(arrival), elapsedMillis(start), attempts);
                return Outcome.SENT;
            } catch (Exception e) {
                failure = classifier.classifySend(e);
                consecutiveFailures.incrementAndGet();
            }
            if (!failure.isTransient()) {
                return park(arrival, failure, attempts);
            }
            if (retry >= spec.maxRetry()) {
                return park(arrival, new Failure(failure.kind(),
                        "gave up after " + (retry + 1) + " attempts: " + failure.reason()), attempts);
            }
            store.recordFailure(spec.id(), arrival.eventId(), attempts, failure.reason());
            observer.retried(arrival.eventId(), attempts, failure.reason());
            Duration pause = backoff.delay(retry + 1);
            LOG.warn("{} event {} ({}{}) attempt {} failed, retrying in {} ms: {}", spec.id(), arrival.eventId(),
                    arrival.routingKey(), keySuffix(arrival), attempts, pause.toMillis(), failure.reason());
            if (!pauseUnlessStopped(pause)) {
                LOG.info("{} event {} left for redelivery: stopping", spec.id(), arrival.eventId());
                return Outcome.STOPPED;
            }
        }
    }

    private Outcome park(Arrival arrival, Failure failure, int attempts) {
        Instant parkedAt = clock.instant();
        store.park(spec.id(), arrival.eventId(), failure.reason(), attempts, parkedAt);
        parkedEvents.parked(new ParkedEvent(spec.id(), arrival.eventId(), arrival.routingKey(), arrival.key(),
                arrival.body(), failure.reason(), attempts, parkedAt));
        observer.parked(arrival.eventId(), failure.reason());
        LOG.warn("{} event {} ({}{}) parked after {} attempt(s): {}", spec.id(), arrival.eventId(),
                arrival.routingKey(), keySuffix(arrival), attempts, failure.reason());
        return Outcome.PARKED;
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

    private String keySuffix(Arrival arrival) {
        return arrival.key() == null ? "" : " " + spec.key() + "=" + arrival.key();
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
