package dev.ess.runtime;

import java.time.Instant;

/**
 * A running connector at one moment, as heartbeats, metrics and health checks report it.
 *
 * @param connector the connector id
 * @param busConnected whether the connection to the event bus is open
 * @param partnerAvailable whether the runtime currently calls the partner: false while it
 *     treats the partner as down and only probes it
 * @param backlog events in the journal not yet acknowledged by the partner nor parked
 * @param oldestWaiting when the oldest of those was received, or {@code null} when none waits
 * @param parked events parked so far
 * @param lastSent when the partner last acknowledged an event, or {@code null} if never
 * @param consecutiveFailures failed calls to the partner since its last acknowledgement
 * @param storeFailure why the store cannot be written (its latest write failed), or {@code null}
 *     while it can
 */
public record ConnectorStatus(
        String connector,
        boolean busConnected,
        boolean partnerAvailable,
        long backlog,
        Instant oldestWaiting,
        long parked,
        Instant lastSent,
        int consecutiveFailures,
        String storeFailure) {

    /** A status whose store can be written. */
    public ConnectorStatus(String connector, boolean busConnected, boolean partnerAvailable, long backlog,
            Instant oldestWaiting, long parked, Instant lastSent, int consecutiveFailures) {
        this(connector, busConnected, partnerAvailable, backlog, oldestWaiting, parked, lastSent, consecutiveFailures, null);
    }
}
