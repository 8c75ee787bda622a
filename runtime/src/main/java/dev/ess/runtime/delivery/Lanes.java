package dev.ess.runtime.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs deliveries on a fixed number of single-threaded lanes. Tasks with the same key always
 * share a lane, so they run one at a time in submission order; different keys run in parallel.
 */
public final class Lanes {

    private final List<ExecutorService> lanes;

    public Lanes(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one lane, got " + count);
        }
        lanes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String threadName = name + "-lane-" + i;
            lanes.add(Executors.newSingleThreadExecutor(task -> new Thread(task, threadName)));
        }
    }

    public int count() {
        return lanes.size();
    }

    public void submit(String key, Runnable task) {
        lanes.get(Math.floorMod(key.hashCode(), lanes.size())).execute(task);
    }

    /**
     * Lets queued and running tasks finish, then stops the threads.
     *
     * @return whether all lanes finished within the timeout
     */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        lanes.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean finished = true;
        for (ExecutorService lane : lanes) {
            finished &= lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        if (!finished) {
            lanes.forEach(ExecutorService::shutdownNow);
        }
        return finished;
    }
}
