package dev.ess.runtime.delivery;

/** How one delivery of a journalled event ended. */
public enum Outcome {
    /** The partner acknowledged the event. */
    SENT,
    /** Given up on and parked. */
    PARKED,
    /** Interrupted by a stop before it finished: the event stays pending in the journal. */
    STOPPED
}
