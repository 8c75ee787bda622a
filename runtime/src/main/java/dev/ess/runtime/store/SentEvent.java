package dev.ess.runtime.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event the partner acknowledged, for the sent-log.
 *
 * @param topic the routing key it arrived with; its {@code sync_offsets} row moves to {@code sentAt}
 * @param attempts the calls it took that counted against {@code max_retry}, this one included
 */
public record SentEvent(String eventId, String topic, int attempts, Instant sentAt) {

    public SentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
