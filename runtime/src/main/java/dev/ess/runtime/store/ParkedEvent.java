package dev.ess.runtime.store;

import java.time.Instant;

/** An event the runtime gave up on, kept with its body so that it can be re-driven. */
public record ParkedEvent(
        String connector,
        String eventId,
        String routingKey,
        String eventKey,
        byte[] body,
        String reason,
        int attempts,
        Instant parkedAt) {}
