package dev.ess.runtime.delivery;

import dev.ess.runtime.OneLine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a fixed number of worker threads, one key at a time: tasks of one key run one
 * after the other in submission order, tasks of different keys run in parallel. A worker takes
 * the next task of whichever key is ready, so a key that waits (a retry back-off) holds one
 * worker, never the keys behind it. A task may also give its worker back unfinished: it runs
 * again, still ahead of the rest of its key, after the keys that were ready meanwhile.
 */
public final class Lanes {

    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);

    /** A task, told which worker runs it (0 to {@code count - 1}), e.g. to use that worker's port. */
    @FunctionalInterface
    public interface Task {
        /** @return whether the task is finished; false to run it again after the other ready keys */
        boolean run(int worker);
    }

    private final Map<String, ArrayDeque<Task>> queues = new HashMap<>();
    private final ArrayDeque<String> readyKeys = new ArrayDeque<>();
    private final List<Thread> workers;
    private boolean shutdown;

    public Lanes(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one lane, got " + count);
        }
        workers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int worker = i;
            Thread thread = new Thread(() -> work(worker), name + "-lane-" + i);
            workers.add(thread);
            thread.start();
        }
    }

    public int count() {
        return workers.size();
    }

    /**
     * Queues a task behind the earlier tasks of its key.
     *
     * @throws RejectedExecutionException after {@link #shutdown}
     */
    public synchronized void submit(String key, Task task) {
        if (shutdown) {
            throw new RejectedExecutionException("lanes are shut down");
        }
        ArrayDeque<Task> queue = queues.get(key);
        if (queue == null) {
            queue = new ArrayDeque<>();
            queues.put(key, queue);
            readyKeys.addLast(key);
            notify();
        }
        queue.addLast(task);
    }

    /**
     * Drops the tasks not started yet, lets the running ones finish, then stops the threads.
     *
     * @return the number of tasks dropped, or -1 when running tasks did not finish in time
     */
    public int shutdown(Duration timeout) throws InterruptedException {
        int dropped;
        synchronized (this) {
            shutdown = true;
            dropped = queues.values().stream().mapToInt(queue -> queue.size()).sum();
            notifyAll();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread worker : workers) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return workers.stream().anyMatch(Thread::isAlive) ? -1 : dropped;
    }

    private void work(int worker) {
        while (true) {
            String key;
            Task task;
            synchronized (this) {
                while (!shutdown && readyKeys.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (shutdown) {
                    return;
                }
                key = readyKeys.pollFirst();
                task = queues.get(key).peekFirst();
            }
            boolean finished = true;
            try {
                finished = task.run(worker);
            } catch (RuntimeException e) {
                LOG.error("a delivery task of key {} failed", OneLine.of(key), e);
            } finally {
                synchronized (this) {
                    ArrayDeque<Task> queue = queues.get(key);
                    if (finished) {
                        queue.pollFirst();
                    }
                    if (queue.isEmpty()) {
                        queues.remove(key);
                    } else {
                        readyKeys.addLast(key);
                        notify();
                    }
                }
            }
        }
    }
}
