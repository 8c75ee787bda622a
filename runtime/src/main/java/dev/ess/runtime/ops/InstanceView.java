package dev.ess.runtime.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * One box on the dashboard: a connector instance, its colour, why, and its last heartbeat.
 *
 * @param state the colour
 * @param reason why it has that colour, in a few words
 * @param secondsSinceHeartbeat how long ago the dashboard received the last heartbeat
 * @param heartbeat the last heartbeat
 */
record InstanceView(State state, String reason, long secondsSinceHeartbeat, Heartbeat heartbeat) {

    /** A box's colour. */
    enum State {
        /** Heartbeats arrive on time and the partner takes events. */
        GREEN,
        /** Heartbeats arrive on time, but the partner is failing. */
        AMBER,
        /**
         * Heartbeats stopped (none for more than two intervals, or the instance said it stopped),
         * or the instance's store cannot be written.
         */
        RED
    }

    /**
     * Judges an instance by its last heartbeat, received by the dashboard at {@code receivedAt}
     * (the dashboard's clock, so a connector host's clock skew does not matter).
     */
    static InstanceView of(Heartbeat heartbeat, Instant receivedAt, Instant now) {
        Duration silence = Duration.between(receivedAt, now);
        if (silence.isNegative()) {
            silence = Duration.ZERO;
        }
        long seconds = silence.toSeconds();
        Duration allowed = Duration.ofSeconds(2L * heartbeat.heartbeatSec());
        if (heartbeat.status() == Heartbeat.Status.STOPPED) {
            return new InstanceView(State.RED, "stopped", seconds, heartbeat);
        }
        if (silence.compareTo(allowed) > 0) {
            return new InstanceView(State.RED, "no heartbeat for " + seconds + " s", seconds, heartbeat);
        }
        if (heartbeat.status() == Heartbeat.Status.STORE_FAILING) {
            return new InstanceView(State.RED, "store cannot be written: " + heartbeat.storeFailure(), seconds, heartbeat);
        }
        if (heartbeat.status() == Heartbeat.Status.PARTNER_FAILING) {
            return new InstanceView(State.AMBER, partnerTrouble(heartbeat), seconds, heartbeat);
        }
        if (!heartbeat.busConnected()) {
            return new InstanceView(State.AMBER, "bus disconnected", seconds, heartbeat);
        }
        return new InstanceView(State.GREEN, "alive", seconds, heartbeat);
    }

    private static String partnerTrouble(Heartbeat heartbeat) {
        if (!heartbeat.partnerAvailable()) {
            return "partner down: circuit open";
        }
        if (Boolean.FALSE.equals(heartbeat.partnerAnswers())) {
            return "partner does not answer its ping";
        }
        return "partner failing: " + heartbeat.consecutiveFailures() + " failed call(s) in a row";
    }
}
