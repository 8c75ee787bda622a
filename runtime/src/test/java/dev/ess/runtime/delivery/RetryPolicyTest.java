package dev.ess.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The retry and circuit rules as a table: failure, history, partner state, decision. */
class RetryPolicyTest {

    private static final int MAX_RETRY = 2;
    private static final int THRESHOLD = 3;
    private static final RetryPolicy POLICY = new RetryPolicy(MAX_RETRY, THRESHOLD,
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));

    private static final Failure SERVER_FAULT = new Failure(FailureKind.TRANSIENT, "SOAP Server fault: db down");
    private static final Failure NOT_FOUND = new Failure(FailureKind.PARTNER, "HTTP status 404: Not Found");
    private static final Failure CLIENT_FAULT = new Failure(FailureKind.PERMANENT, "SOAP Client fault: bad permit");

    static Stream<Arguments> table() {
        return Stream.of(
                row("the event's own fault parks at once",
                        CLIENT_FAULT, history(0, -1), closed(0, 20),
                        new Decision.Park("SOAP Client fault: bad permit", 1)),
                row("even as a probe",
                        CLIENT_FAULT, probe(history(1, 20)), open(4, 20),
                        new Decision.Park("SOAP Client fault: bad permit", 2)),
                row("a failed probe yields the lane, blamed on the partner",
                        SERVER_FAULT, probe(history(1, 18)), open(4, 20),
                        new Decision.Yield(history(1, 20))),
                row("a partner-wide failure waits for the partner at once",
                        NOT_FOUND, history(0, -1), closed(1, 20),
                        new Decision.WaitForPartner(history(0, 20))),
                row("a partner-wide failure never counts, even with answers to others since",
                        NOT_FOUND, history(1, 10), closed(1, 20),
                        new Decision.WaitForPartner(history(1, 20))),
                row("a failure while the circuit is open belongs to the outage",
                        SERVER_FAULT, history(0, 10), open(5, 20),
                        new Decision.WaitForPartner(history(0, 20))),
                row("a first failure is retried without counting",
                        SERVER_FAULT, history(0, -1), closed(1, 20),
                        new Decision.RetryAfter(Duration.ofMillis(100), history(0, 20))),
                row("no answer to anyone since: still not counted",
                        SERVER_FAULT, history(0, 20), closed(2, 20),
                        new Decision.RetryAfter(Duration.ofMillis(200), history(0, 20))),
                row("threshold failures in a row and no sign the partner works: it is down (the parallelism-1 outage)",
                        SERVER_FAULT, history(0, 20), closed(3, 20),
                        new Decision.WaitForPartner(history(0, 20))),
                row("the partner answered others since: the failure counts",
                        SERVER_FAULT, history(0, 20), closed(1, 25),
                        new Decision.RetryAfter(Duration.ofMillis(100), history(1, 20))),
                row("counted failures back off further",
                        SERVER_FAULT, history(1, 20), closed(1, 25),
                        new Decision.RetryAfter(Duration.ofMillis(200), history(2, 20))),
                row("the evidence holds through failures in a row (one event the partner chokes on)",
                        SERVER_FAULT, history(1, 20), closed(3, 21),
                        new Decision.RetryAfter(Duration.ofMillis(200), history(2, 20))),
                row("past max_retry, with the partner working for others, it is parked",
                        SERVER_FAULT, history(2, 20), closed(1, 25),
                        new Decision.Park("gave up after 3 attempts: SOAP Server fault: db down", 3)),
                row("attempts counted in an earlier run stay, the evidence starts again",
                        SERVER_FAULT, history(2, -1), closed(1, 99),
                        new Decision.RetryAfter(Duration.ofMillis(100), history(2, 99))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String rule, Failure failure, History history, PartnerState partner, Decision expected) {
        assertEquals(expected, POLICY.next(failure, history, partner));
    }

    /**
     * One lane, a partner failing every call with a Server fault for 10,000 calls, carried out
     * as the pipeline does: nothing is ever parked, however long it lasts.
     */
    @Test
    void anOutageOfAnyLengthParksNothingOnOneLane() {
        ArrayDeque<History> lane = new ArrayDeque<>();
        for (int i = 0; i < 5; i++) {
            lane.add(History.of(0));
        }
        boolean open = false;
        int failuresInARow = 0;
        for (int call = 0; call < 10_000; call++) {
            History history = lane.pollFirst();
            failuresInARow++;
            Decision decision = POLICY.next(SERVER_FAULT, history.withProbe(open), new PartnerState(open, failuresInARow, 20));
            assertFalse(decision instanceof Decision.Park, "call " + call + " parked: " + decision);
            if (decision instanceof Decision.Yield yield) {
                lane.addLast(yield.history());
            } else if (decision instanceof Decision.WaitForPartner wait) {
                open = true;
                lane.addFirst(wait.history());
            } else {
                lane.addFirst(((Decision.RetryAfter) decision).history());
            }
        }
    }

    private static Arguments row(String rule, Failure failure, History history, PartnerState partner,
            Decision expected) {
        return Arguments.of(rule, failure, history, partner, expected);
    }

    private static History history(int attempts, long answersAtBlame) {
        return new History(attempts, answersAtBlame, false);
    }

    private static History probe(History history) {
        return history.withProbe(true);
    }

    private static PartnerState closed(int failuresInARow, long answers) {
        return new PartnerState(false, failuresInARow, answers);
    }

    private static PartnerState open(int failuresInARow, long answers) {
        return new PartnerState(true, failuresInARow, answers);
    }
}
