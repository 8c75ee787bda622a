package dev.ess.runtime.delivery;

/**
 * The retry and circuit rules, as one pure function of a failure, the event's history and the
 * partner's state: {@link #next}. The pipeline only carries its decisions out.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>A permanent failure (the event's own) parks the event at once.
 *   <li>A failed probe yields the lane, so that another key's event takes the next probe: one
 *       event the partner never answers cannot hold the circuit open, even on one lane.
 *   <li>A partner-wide failure (HTTP 401/403/404, TLS, DNS) says nothing about the event: wait
 *       for the partner, circuit open.
 *   <li>A failure while the circuit is open belongs to the outage: wait for the partner.
 *   <li>A transient failure counts against {@code max_retry} only when the partner answered
 *       another event since this event's failures were last blamed on it; past
 *       {@code max_retry} the event is parked. So an outage of any kind and length, at any
 *       parallelism, parks nothing.
 *   <li>Otherwise, after {@code threshold} failures in a row the partner counts as down: wait.
 *   <li>Otherwise retry, without counting, after the back-off of the failures in a row.
 * </ol>
 */
public final class RetryPolicy {

    private final int maxRetry;
    private final int threshold;
    private final Backoff backoff;

    /**
     * @param maxRetry counted retries before an event is parked
     * @param threshold failures in a row, without evidence that the partner works, after which
     *     it counts as down
     */
    public RetryPolicy(int maxRetry, int threshold, Backoff backoff) {
        if (maxRetry < 0 || threshold < 1) {
            throw new IllegalArgumentException("need max_retry >= 0 and a threshold >= 1, got " + maxRetry
                    + " and " + threshold);
        }
        this.maxRetry = maxRetry;
        this.threshold = threshold;
        this.backoff = backoff;
    }

    /** What to do after {@code failure}; {@code partner} already counts it among its failures in a row. */
    public Decision next(Failure failure, History history, PartnerState partner) {
        if (failure.kind() == FailureKind.PERMANENT) {
            return new Decision.Park(failure.reason(), history.attempts() + 1);
        }
        if (history.probe()) {
            return new Decision.Yield(history.blamed(partner));
        }
        if (failure.kind() == FailureKind.PARTNER || partner.circuitOpen()) {
            return new Decision.WaitForPartner(history.blamed(partner));
        }
        if (history.partnerWorkedSince(partner)) {
            History counted = history.counted();
            if (counted.attempts() > maxRetry) {
                return new Decision.Park("gave up after " + counted.attempts() + " attempts: " + failure.reason(),
                        counted.attempts());
            }
            return new Decision.RetryAfter(backoff.ceiling(counted.attempts()), counted);
        }
        if (partner.consecutiveFailures() >= threshold) {
            return new Decision.WaitForPartner(history.blamed(partner));
        }
        return new Decision.RetryAfter(backoff.ceiling(Math.max(1, partner.consecutiveFailures())),
                history.retried(partner));
    }
}
