package dev.ess.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's mechanics, on a clock the test moves; when it opens is {@link RetryPolicyTest}'s. */
class CircuitBreakerTest {

    private static final Failure REFUSED = new Failure(FailureKind.TRANSIENT, "cannot connect");

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker("test", Duration.ofSeconds(1), now::get);
    private volatile boolean stopping;

    @Test
    void countsFailuresInARowAndAnswers() {
        assertEquals(new PartnerState(false, 1, 0), breaker.onFailure(REFUSED));
        assertEquals(new PartnerState(false, 2, 0), breaker.onFailure(REFUSED));
        assertEquals("cannot connect", breaker.lastFailure());
        assertEquals(new PartnerState(false, 0, 1), breaker.onAnswer());
        breaker.open(false);
        assertEquals(new PartnerState(true, 0, 1), breaker.partner());
    }

    @Test
    void letsOneProbeThroughPerIntervalAndClosesWhenThePartnerAnswers() throws Exception {
        breaker.onFailure(REFUSED);
        breaker.open(false);
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
    void aFailedProbeOpensItForAnotherIntervalAndTheNextWaiterProbes() throws Exception {
        breaker.open(false);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(CircuitBreaker.Permit.PROBE, acquire());
        CompletableFuture<CircuitBreaker.Permit> next = CompletableFuture.supplyAsync(this::acquire);
        breaker.onFailure(REFUSED);
        breaker.open(true);
        Thread.sleep(100);
        assertFalse(next.isDone(), "no probe before the next interval");
        breaker.open(false);
        now.addAndGet(Duration.ofMillis(999).toNanos());
        Thread.sleep(100);
        assertFalse(next.isDone(), "opening an open breaker again does not move its probe");
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(CircuitBreaker.Permit.PROBE, next.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aCallerThatStopsLeavesItsWaitWhenWoken() throws Exception {
        breaker.open(false);
        CompletableFuture<CircuitBreaker.Permit> waiting = CompletableFuture.supplyAsync(this::acquire);
        Thread.sleep(50);
        stopping = true;
        breaker.wakeAll();
        assertEquals(CircuitBreaker.Permit.STOPPED, waiting.get(5, TimeUnit.SECONDS));
        assertTrue(breaker.state() != CircuitBreaker.State.CLOSED);
    }

    private CircuitBreaker.Permit acquire() {
        try {
            return breaker.acquire(() -> stopping);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
