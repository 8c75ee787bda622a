package dev.ess.runtime;

import java.time.Duration;

/**
 * Told of each step of each event's delivery, for metrics and logs. Called from the delivery
 * threads, so implementations must be thread-safe and quick; every method does nothing by
 * default.
 */
public interface DeliveryObserver {

    /** An observer that ignores everything. */
    DeliveryObserver NONE = new DeliveryObserver() {
    };

    /** A new event was taken from the bus into the journal. */
    default void received(String eventId) {
    }

    /** The bus delivered an event the journal already holds as sent or parked; nothing was sent. */
    default void duplicate(String eventId) {
    }

    /**
     * The bus delivered a message whose id the journal holds with another body: it was not sent,
     * but kept apart, parked under an id of its own.
     */
    default void conflict(String eventId) {
    }

    /**
     * The partner acknowledged an event.
     *
     * @param latency from the event's arrival at the connector to the partner's acknowledgement
     * @param attempts the calls it took, counting this one
     */
    default void sent(String eventId, Duration latency, int attempts) {
    }

    /** A call to the partner failed with a transient error; the event will be tried again. */
    default void retried(String eventId, int attempt, String reason) {
    }

    /** The event was parked: it will not be sent unless re-driven. */
    default void parked(String eventId, String reason) {
    }
}
