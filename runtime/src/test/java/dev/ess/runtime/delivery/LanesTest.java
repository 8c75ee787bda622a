package dev.ess.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LanesTest {

    @Test
    void runsOneKeyInOrderAndOtherKeysBesideABlockedOne() throws Exception {
        Lanes lanes = new Lanes("test", 2);
        CountDownLatch release = new CountDownLatch(1);
        Map<String, List<Integer>> done = new ConcurrentHashMap<>();
        lanes.submit("slow", worker -> await(release));
        for (int i = 0; i < 100; i++) {
            int n = i;
            String key = "k" + (i % 3);
            lanes.submit(key, worker -> done.computeIfAbsent(key, k -> new ArrayList<>()).add(n));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (done.values().stream().mapToInt(List::size).sum() < 100 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(100, done.values().stream().mapToInt(List::size).sum(), "other keys ran while one key waits");
        for (List<Integer> numbers : done.values()) {
            List<Integer> sorted = new ArrayList<>(numbers);
            sorted.sort(null);
            assertEquals(sorted, numbers, "submission order within a key");
        }
        release.countDown();
        assertTrue(lanes.shutdown(Duration.ofSeconds(5)) >= 0, "finished in time");
    }

    @Test
    void anUnfinishedTaskLetsTheOtherReadyKeysRunFirstAndStaysAheadOfItsOwnKey() throws Exception {
        Lanes lanes = new Lanes("test", 1);
        CountDownLatch submitted = new CountDownLatch(1);
        List<String> runs = new CopyOnWriteArrayList<>();
        AtomicInteger tries = new AtomicInteger();
        lanes.submit("a", worker -> {
            await(submitted);
            runs.add("a1 try " + tries.incrementAndGet());
            return tries.get() == 2;
        });
        lanes.submit("a", worker -> runs.add("a2"));
        lanes.submit("b", worker -> runs.add("b1"));
        lanes.submit("c", worker -> runs.add("c1"));
        submitted.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("a1 try 1", "b1", "c1", "a1 try 2", "a2"), runs);
        assertEquals(0, lanes.shutdown(Duration.ofSeconds(5)));
    }

    private static boolean await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
