package dev.ess.runtime.delivery;

/** Whether trying again can help. */
public enum FailureKind {
    /** The partner or the network may recover: retry with back-off. */
    TRANSIENT,
    /** The event or the request is at fault: sending it again cannot succeed, park it now. */
    PERMANENT
}
