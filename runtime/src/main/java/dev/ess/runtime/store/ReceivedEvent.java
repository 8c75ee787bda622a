package dev.ess.runtime.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as it arrived from the bus, before any mapping.
 *
 * @param eventKey the value of the connector's key field, or {@code null} when the event has none
 */
public record ReceivedEvent(String eventId, String routingKey, String eventKey, byte[] body, Instant receivedAt) {

    /** The longest event id the journal holds. */
    public static final int MAX_ID_LENGTH = 200;
    /** The longest key the journal holds. */
    public static final int MAX_KEY_LENGTH = 255;

    public ReceivedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
