package dev.ess.runtime.delivery;

/**
 * The partner as the connector sees it at one moment.
 *
 * @param circuitOpen whether calls are paused because the partner counts as down
 * @param consecutiveFailures failed calls, of any event, since the partner last answered
 * @param answers how often the partner has answered so far (an acknowledgement, or a fault that
 *     is the event's own): it only grows
 */
public record PartnerState(boolean circuitOpen, int consecutiveFailures, long answers) {}
