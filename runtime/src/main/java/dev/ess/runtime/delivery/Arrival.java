package dev.ess.runtime.delivery;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.Event;
import dev.ess.runtime.MalformedEventException;
import dev.ess.runtime.store.ReceivedEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A message from the bus, parsed once on arrival so that its ordering key is known before it is
 * queued on a lane.
 *
 * @param event the parsed event, or {@code null} when the body is malformed
 * @param key the value of the connector's key field, or {@code null} when absent or malformed
 * @param malformed why the event cannot be parsed, or {@code null}
 */
public record Arrival(
        String eventId,
        String routingKey,
        byte[] body,
        Instant receivedAt,
        Event event,
        String key,
        String malformed) {

    public Arrival {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * Parses a message body and reads the connector's key field from it. A body that is not a
     * JSON object, or lacks the key field, or holds it as an object or array, or longer than the
     * journal holds, is malformed.
     */
    public static Arrival of(ConnectorSpec spec, String eventId, String routingKey, byte[] body, Instant receivedAt) {
        try {
            Event event = Event.parse(eventId, routingKey, body);
            String key = spec.key().isEmpty() ? null : event.text(spec.key());
            if (key == null && !spec.key().isEmpty()) {
                // Without its key an event has no place in any key's order.
                return new Arrival(eventId, routingKey, body, receivedAt, null, null,
                        "key field '" + spec.key() + "' is missing");
            }
            if (key != null && key.length() > ReceivedEvent.MAX_KEY_LENGTH) {
                return new Arrival(eventId, routingKey, body, receivedAt, null, null,
                        "key field '" + spec.key() + "' is longer than " + ReceivedEvent.MAX_KEY_LENGTH + " characters");
            }
            return new Arrival(eventId, routingKey, body, receivedAt, event, key, null);
        } catch (MalformedEventException e) {
            return new Arrival(eventId, routingKey, body, receivedAt, null, null, e.getMessage());
        }
    }

    /** What decides the lane: the key, so one key's events stay in order; else the id, to spread them. */
    public String laneKey() {
        return key != null ? key : eventId;
    }
}
