package dev.ess.runtime.store;

import java.time.Instant;

/**
 * One row of the journal.
 *
 * @param attempts how many sends were tried so far
 * @param lastError the last failure, or {@code null}
 * @param sentAt when the partner acknowledged it, or {@code null}
 */
public record JournalEntry(
        String connector,
        String eventId,
        String routingKey,
        String eventKey,
        Instant receivedAt,
        JournalStatus status,
        int attempts,
        String lastError,
        Instant sentAt) {}
