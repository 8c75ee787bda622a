package dev.ess.runtime.delivery;

import java.util.Objects;

/**
 * A classified delivery failure.
 *
 * @param reason one line for the log and the parked table, e.g. {@code SOAP Client fault: bad permit}
 */
public record Failure(FailureKind kind, String reason) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
