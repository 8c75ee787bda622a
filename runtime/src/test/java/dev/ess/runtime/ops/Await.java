package dev.ess.runtime.ops;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what a test expects, failing with what was last seen. */
final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    /** Polls {@code value} until {@code done} accepts it and returns it. */
    static <T> T until(String what, Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; last seen:\n" + last);
            }
            Thread.sleep(50);
            last = value.get();
        }
        return last;
    }

    private Await() {}
}
