package dev.ess.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        lanes.submit("slow", worker -> done.put("after-slow", List.of(worker)));
        release.countDown();
        assertTrue(lanes.shutdown(Duration.ofSeconds(5)) >= 0, "finished in time");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
