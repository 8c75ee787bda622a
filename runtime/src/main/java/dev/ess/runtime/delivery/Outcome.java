package dev.ess.runtime.delivery;

/** How a delivery ended, which decides what happens to the broker message. */
public enum Outcome {
    /** The partner acknowledged the event: ack. */
    SENT,
    /** The partner acknowledged this event before: ack without sending. */
    DUPLICATE,
    /** Given up on and parked: ack. */
    PARKED,
    /** Interrupted by a stop before it finished: leave unacked, the broker delivers it again. */
    STOPPED;

    public boolean settlesMessage() {
        return this != STOPPED;
    }
}
