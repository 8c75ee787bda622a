package dev.ess.runtime.store;

import java.time.Instant;

/**
 * A journalled event the partner has not acknowledged yet, as the dispatcher reads it back.
 *
 * @param seq the event's place in the connector's arrival order
 * @param eventKey the value of the connector's key field, or {@code null} when the event has none
 * @param attempts the calls to the partner that counted against {@code max_retry} so far
 */
public record PendingEvent(
        long seq,
        String eventId,
        String routingKey,
        String eventKey,
        byte[] body,
        Instant receivedAt,
        int attempts) {}
