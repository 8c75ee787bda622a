package dev.ess.runtime.delivery;

/** Whether trying again can help, and whom a failure is about. */
public enum FailureKind {
    /** The partner or the network may recover: retry with back-off. */
    TRANSIENT,
    /**
     * The partner cannot be called at all (wrong address, credentials refused, TLS or DNS
     * failure): nothing to do with the event. The circuit opens until a probe gets through.
     */
    PARTNER,
    /** The event or the request is at fault: sending it again cannot succeed, park it now. */
    PERMANENT
}
