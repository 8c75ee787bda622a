package dev.ess.runtime.store;

/** Where an event stands in the journal. */
public enum JournalStatus {
    /** Stored, not yet acknowledged by the partner. */
    RECEIVED,
    /** The partner acknowledged it; it is never sent again except by an explicit replay. */
    SENT,
    /** Given up on; the reason is in the parked table. */
    PARKED
}
