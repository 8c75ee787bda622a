package dev.ess.runtime.delivery;

/** How one delivery of a journalled event ended. */
public enum Outcome {
    /** The partner acknowledged the event. */
    SENT,
    /** Given up on and parked. */
    PARKED,
    /** Interrupted by a stop before it finished: the event stays pending in the journal. */
    STOPPED,
    /**
     * Not finished: the partner is down and this event's probe failed. Its lane lets another
     * key's event take the next probe, and delivers this one again later, still first of its key.
     */
    YIELDED
}
