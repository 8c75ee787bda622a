package dev.ess.runtime.delivery;

import dev.ess.runtime.OneLine;
import java.util.Objects;

/**
 * A classified delivery failure.
 *
 * @param reason one line for the log and the parked table, e.g. {@code SOAP Client fault: bad permit};
 *     it may quote the event or the partner, so line breaks in it are escaped
 */
public record Failure(FailureKind kind, String reason) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        reason = OneLine.of(Objects.requireNonNull(reason, "reason"));
    }
}
