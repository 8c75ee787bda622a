package dev.ess.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void doublesWithJitterUpToTheMaximum() {
        for (int i = 0; i < 200; i++) {
            assertBetween(50, 100, Backoff.jittered(backoff.ceiling(1)));
            assertBetween(100, 200, Backoff.jittered(backoff.ceiling(2)));
            assertBetween(200, 400, Backoff.jittered(backoff.ceiling(3)));
            assertBetween(500, 1000, Backoff.jittered(backoff.ceiling(5)));
            assertBetween(500, 1000, Backoff.jittered(backoff.ceiling(40)));
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> backoff.ceiling(0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    private static void assertBetween(long low, long high, Duration delay) {
        assertTrue(delay.toMillis() >= low && delay.toMillis() <= high, delay + " not in [" + low + ", " + high + "] ms");
    }
}
