package dev.ess.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's rules, on a clock the test moves. */
class CircuitBreakerTest {

    private static final Failure REFUSED = new Failure(FailureKind.TRANSIENT, "cannot connect", true);
    private static final Failure SERVER_FAULT = new Failure(FailureKind.TRANSIENT, "SOAP Server fault: oops");

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker("test", 3, Duration.ofSeconds(1), now::get);

    @Test
    void opensAfterThresholdUnreachableFailuresAndThoseDoNotCount() throws Exception {
        assertTrue(breaker.onFailure("e1", REFUSED, false), "first failure counts");
        assertTrue(breaker.onFailure("e1", REFUSED, false), "second failure counts");
        assertFalse(breaker.onFailure("e1", REFUSED, false), "the failure that opens it belongs to the outage");
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.onFailure("e2", REFUSED, false), "failures while open do not count");
        assertEquals(4, breaker.consecutiveFailures());
    }

    @Test
    void oneEventFailingWithAnAnswerDoesNotOpenIt() {
        for (int i = 0; i < 10; i++) {
            assertTrue(breaker.onFailure("poison", SERVER_FAULT, false));
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "one bad event is not an outage");
        breaker.onFailure("other", SERVER_FAULT, false);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "several events failing is");
    }

    @Test
    void letsOneProbeThroughPerIntervalAndClosesWhenItSucceeds() throws Exception {
        openIt();
        CompletableFuture<CircuitBreaker.Permit> waiting = CompletableFuture.supplyAsync(this::acquire);
        Thread.sleep(100);
        assertFalse(waiting.isDone(), "waits while open");

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(CircuitBreaker.Permit.PROBE, waiting.get(5, TimeUnit.SECONDS));
        CompletableFuture<CircuitBreaker.Permit> behind = CompletableFuture.supplyAsync(this::acquire);
        Thread.sleep(100);
        assertFalse(behind.isDone(), "one probe at a time");

        breaker.onAnswer();
        assertEquals(CircuitBreaker.Permit.CALL, behind.get(5, TimeUnit.SECONDS));
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(0, breaker.consecutiveFailures());
    }

    @Test
    void aFailedProbeOpensItAgainAndStopEndsEveryWait() throws Exception {
        openIt();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(CircuitBreaker.Permit.PROBE, breaker.acquire());
        assertFalse(breaker.onFailure("e1", REFUSED, true), "a failed probe does not count");
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());

        CompletableFuture<CircuitBreaker.Permit> waiting = CompletableFuture.supplyAsync(this::acquire);
        Thread.sleep(100);
        breaker.stop();
        assertEquals(CircuitBreaker.Permit.STOPPED, waiting.get(5, TimeUnit.SECONDS));
    }

    private void openIt() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure("e" + i, REFUSED, false);
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    }

    private CircuitBreaker.Permit acquire() {
        try {
            return breaker.acquire();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
