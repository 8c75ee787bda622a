package dev.ess.runtime.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as it arrived from the bus, before any mapping.
 *
 * @param eventKey the value of the connector's key field, or {@code null} when the event has none
 */
public record ReceivedEvent(String eventId, String routingKey, String eventKey, byte[] body, Instant receivedAt) {

    public ReceivedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
