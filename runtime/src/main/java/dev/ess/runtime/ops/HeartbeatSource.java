package dev.ess.runtime.ops;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.ConnectorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the connector's status, the lag and the partner's last ping into a {@link Heartbeat}.
 * Reading the status queries the store, so heartbeats, scrapes and health checks share one
 * reading for up to {@code maxAge}.
 */
final class HeartbeatSource {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatSource.class);

    private final ConnectorSpec spec;
    private final String instance;
    private final Supplier<ConnectorStatus> status;
    private final PartnerPing ping;
    private final Clock clock;
    private final Duration maxAge;
    private ConnectorStatus lastStatus;
    private Heartbeat current;
    private String statusError;

    /** @param ping the partner's ping, or {@code null} when the manifest has no {@code ping_url} */
    HeartbeatSource(ConnectorSpec spec, String instance, Supplier<ConnectorStatus> status, PartnerPing ping, Clock clock,
            Duration maxAge) {
        this.spec = spec;
        this.instance = instance;
        this.status = status;
        this.ping = ping;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** A heartbeat no older than {@code maxAge}. */
    synchronized Heartbeat current() {
        if (current == null || !current.sentAt().plus(maxAge).isAfter(clock.instant())) {
            current = read();
        }
        return current;
    }

    /** A heartbeat made now. */
    synchronized Heartbeat fresh() {
        current = read();
        return current;
    }

    /** Why the status could not be read the last time, or {@code null} when it could. */
    synchronized String statusError() {
        return statusError;
    }

    private Heartbeat read() {
        Instant now = clock.instant();
        boolean readable;
        try {
            lastStatus = status.get();
            statusError = null;
            readable = true;
        } catch (RuntimeException e) {
            if (statusError == null) {
                LOG.warn("{}: cannot read the connector's status: {}", spec.id(), e.toString());
            }
            statusError = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            readable = false;
        }
        ConnectorStatus known = lastStatus != null ? lastStatus
                : new ConnectorStatus(spec.id(), false, false, 0, null, 0, null, 0);
        boolean busConnected = readable && known.busConnected();
        Boolean partnerAnswers = ping == null ? null : ping.lastAnswer();
        boolean partnerFailing = !known.partnerAvailable() || known.consecutiveFailures() > 0
                || Boolean.FALSE.equals(partnerAnswers);
        Heartbeat.Status state = known.storeFailure() != null ? Heartbeat.Status.STORE_FAILING
                : partnerFailing ? Heartbeat.Status.PARTNER_FAILING : Heartbeat.Status.UP;
        return new Heartbeat(spec.id(), instance, state, busConnected, known.partnerAvailable(), partnerAnswers,
                known.backlog(), lagSeconds(known.oldestWaiting(), now), known.parked(), known.lastSent(),
                known.consecutiveFailures(), Math.max(1, spec.heartbeatSec()), now, known.storeFailure());
    }

    /** Seconds since the oldest event still waiting was received, or 0 when none waits. */
    private static long lagSeconds(Instant oldestWaiting, Instant now) {
        return oldestWaiting == null ? 0 : Math.max(0, Duration.between(oldestWaiting, now).toSeconds());
    }
}
