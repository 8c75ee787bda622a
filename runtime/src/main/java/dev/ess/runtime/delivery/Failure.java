package dev.ess.runtime.delivery;

import dev.ess.runtime.OneLine;
import java.util.Objects;

/**
 * A classified delivery failure.
 *
 * @param reason one line for the log and the parked table, e.g. {@code SOAP Client fault: bad permit};
 *     it may quote the event or the partner, so line breaks in it are escaped
 * @param partnerUnreachable whether the call never got an answer from the partner's service
 *     (refused or broken connection, timeout, unknown host, HTTP 502/503/504): a sign that the
 *     partner is down rather than that this event is at fault
 */
public record Failure(FailureKind kind, String reason, boolean partnerUnreachable) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        reason = OneLine.of(Objects.requireNonNull(reason, "reason"));
    }

    /** A failure that came with an answer from the partner, or from the event itself. */
    public Failure(FailureKind kind, String reason) {
        this(kind, reason, false);
    }

    public boolean isTransient() {
        return kind == FailureKind.TRANSIENT;
    }
}
