package dev.ess.runtime;

import java.time.Instant;
import java.util.List;

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
 * @param parkedSinceLastSent events parked since the partner last acknowledged one
 * @param partnerFailure why the last call to the partner failed, or {@code null} when it answered
 * @param busFailure why the bus connection is down, or {@code null} while it is open
 * @param partitions the partitions this instance delivers; empty while it stands by
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
        int parkedSinceLastSent,
        String partnerFailure,
        String busFailure,
        List<Integer> partitions,
        String storeFailure) {

    public ConnectorStatus {
        partitions = List.copyOf(partitions);
    }

    /** A status of a connector delivering partition 0, whose store can be written, and nothing else to report. */
    public ConnectorStatus(String connector, boolean busConnected, boolean partnerAvailable, long backlog,
            Instant oldestWaiting, long parked, Instant lastSent, int consecutiveFailures) {
        this(connector, busConnected, partnerAvailable, backlog, oldestWaiting, parked, lastSent, consecutiveFailures, 0,
                null, null, List.of(0), null);
    }
}
