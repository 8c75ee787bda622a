package dev.ess.runtime.delivery;

import java.time.Instant;

/** What the partner last did for the connector, across its partitions: when it last acknowledged an event, and how many were parked since. */
public final class RecentOutcomes {

    private Instant lastSent;
    private int parkedSinceLastSent;

    synchronized void sent(Instant at) {
        lastSent = at;
        parkedSinceLastSent = 0;
    }

    synchronized void parked() {
        parkedSinceLastSent++;
    }

    /** When the partner last acknowledged an event of this run, or {@code null}. */
    public synchronized Instant lastSent() {
        return lastSent;
    }

    /** Events parked since the partner last acknowledged one. */
    public synchronized int parkedSinceLastSent() {
        return parkedSinceLastSent;
    }
}
