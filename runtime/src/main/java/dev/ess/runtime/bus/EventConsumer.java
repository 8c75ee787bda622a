package dev.ess.runtime.bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.DeliveryObserver;
import dev.ess.runtime.OneLine;
import dev.ess.runtime.delivery.Arrival;
import dev.ess.runtime.delivery.ParkedEventSink;
import dev.ess.runtime.store.Journal;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.store.Journalled;
import dev.ess.runtime.store.ParkedEvent;
import dev.ess.runtime.store.PendingEvent;
import dev.ess.runtime.store.ReceivedEvent;
import dev.ess.runtime.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake: journals the messages of the connector's queue and acks them once they are
 * durable. Deliveries are handed to an intake thread that writes whatever has arrived in one
 * transaction, hands the new events to the dispatcher, then acks up to the last of them with
 * one {@code multiple} ack. A message the store could not take is returned to the queue.
 */
public final class EventConsumer extends DefaultConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration STORE_FAILURE_PAUSE = Duration.ofSeconds(1);
    private static final int MAX_BATCH = 1_000;

    private record Delivery(long tag, Arrival arrival) {}

    private final ConnectorSpec spec;
    private final Journal journal;
    private final Consumer<List<PendingEvent>> journalled;
    private final ParkedEventSink parkedEvents;
    private final DeliveryObserver observer;
    private final Clock clock;
    private final LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final Thread intake;
    private volatile boolean closing;

    /**
     * @param journalled given the new events of each batch once they are durable, in arrival order
     * @param parkedEvents told of each event parked on arrival: an id that came before with another body
     */
    public EventConsumer(Channel channel, ConnectorSpec spec, Journal journal, Consumer<List<PendingEvent>> journalled,
            ParkedEventSink parkedEvents, DeliveryObserver observer, Clock clock) {
        super(channel);
        this.spec = spec;
        this.journal = journal;
        this.journalled = journalled;
        this.parkedEvents = parkedEvents;
        this.observer = observer;
        this.clock = clock;
        this.intake = new Thread(this::journalDeliveries, "ess-" + spec.id() + "-intake");
        intake.start();
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        Arrival arrival = Arrival.of(spec, EventIds.of(properties, body), envelope.getRoutingKey(), body, clock.instant());
        deliveries.add(new Delivery(envelope.getDeliveryTag(), arrival));
    }

    @Override
    public void handleCancel(String consumerTag) {
        LOG.error("{}: the broker cancelled the consumer of queue {} (was it deleted?)", spec.id(), spec.queue());
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
        if (!signal.isInitiatedByApplication()) {
            LOG.warn("{}: bus channel closed: {}", spec.id(), signal.getMessage());
        }
    }

    /**
     * Journals and acks what has arrived, then stops the intake thread; call after the consumer
     * is cancelled. Whatever is not journalled by then stays unacked and comes again.
     */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        intake.join(10_000);
        if (intake.isAlive()) {
            intake.interrupt();
        }
    }

    private void journalDeliveries() {
        List<Delivery> batch = new ArrayList<>();
        while (true) {
            try {
                Delivery first = deliveries.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                deliveries.drainTo(batch, MAX_BATCH - 1);
                journal(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void journal(List<Delivery> batch) throws InterruptedException {
        long lastTag = batch.get(batch.size() - 1).tag();
        List<ReceivedEvent> events = new ArrayList<>(batch.size());
        for (Delivery delivery : batch) {
            Arrival arrival = delivery.arrival();
            events.add(new ReceivedEvent(arrival.eventId(), arrival.routingKey(), arrival.key(),
                    arrival.body(), arrival.receivedAt()));
        }
        Journalled result;
        List<ParkedEvent> parkedApart = new ArrayList<>();
        try {
            result = journal.receiveAll(events);
            for (ReceivedEvent event : result.conflicting()) {
                parkApart(event).ifPresent(parkedApart::add);
            }
        } catch (StoreException e) {
            LOG.error("{}: cannot journal {} message(s), returned to the queue: {}", spec.id(), batch.size(),
                    OneLine.of(e.getMessage()));
            settle(() -> getChannel().basicNack(lastTag, true, true));
            // Most likely the store is down: do not spin on the same messages.
            TimeUnit.MILLISECONDS.sleep(STORE_FAILURE_PAUSE.toMillis());
            return;
        }
        for (PendingEvent event : result.added()) {
            observer.received(event.eventId());
        }
        journalled.accept(result.added());
        settle(() -> getChannel().basicAck(lastTag, true));
        reportParkedApart(result.conflicting(), parkedApart);
        Set<String> seen = new HashSet<>();
        Set<ReceivedEvent> conflicting = Collections.newSetFromMap(new IdentityHashMap<>());
        conflicting.addAll(result.conflicting());
        for (ReceivedEvent event : events) {
            JournalStatus earlier = result.earlier().get(event.eventId());
            if (earlier != null && earlier != JournalStatus.RECEIVED && !conflicting.contains(event)
                    && seen.add(event.eventId())) {
                observer.duplicate(event.eventId());
                LOG.info("{} event {} ({}) already {}, skipped", spec.id(), OneLine.of(event.eventId()),
                        OneLine.of(event.routingKey()),
                        earlier == JournalStatus.SENT ? "sent" : "parked");
            }
        }
    }

    /**
     * Keeps an event whose id came before with another body apart, parked under an id of its own:
     * sending it under the id the partner knows would overwrite, or be dropped as, the other.
     *
     * @return the parked copy, unless the same body was parked apart before
     */
    private Optional<ParkedEvent> parkApart(ReceivedEvent event) {
        String apartId = EventIds.apart(event.eventId(), event.body());
        String reason = "message id '" + OneLine.of(event.eventId()) + "' was received before with another body";
        Instant now = clock.instant();
        ReceivedEvent apart = new ReceivedEvent(apartId, event.routingKey(), event.eventKey(), event.body(),
                event.receivedAt());
        if (!journal.parkOnArrival(apart, reason, now)) {
            return Optional.empty();
        }
        return Optional.of(new ParkedEvent(spec.id(), apartId, event.routingKey(), event.eventKey(), event.body(),
                reason, 0, now));
    }

    private void reportParkedApart(List<ReceivedEvent> conflicting, List<ParkedEvent> parkedApart) {
        for (ReceivedEvent event : conflicting) {
            observer.conflict(event.eventId());
            LOG.warn("{} event {} ({}) came before with another body: kept apart, parked as {}", spec.id(),
                    OneLine.of(event.eventId()), OneLine.of(event.routingKey()),
                    OneLine.of(EventIds.apart(event.eventId(), event.body())));
        }
        for (ParkedEvent event : parkedApart) {
            parkedEvents.parked(event);
            observer.parked(event.eventId(), event.reason());
        }
    }

    private void settle(BusAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            // The channel closed under us: the broker delivers the messages again and the
            // journal recognises them.
            LOG.warn("{}: cannot settle messages, they will come again: {}", spec.id(), e.toString());
        }
    }

    @FunctionalInterface
    private interface BusAction {
        void run() throws IOException;
    }
}
