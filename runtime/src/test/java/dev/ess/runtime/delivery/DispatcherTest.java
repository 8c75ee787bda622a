package dev.ess.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.Journalled;
import dev.ess.runtime.store.PendingEvent;
import dev.ess.runtime.store.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on a real SQLite journal, with one lane so that the order of delivery is the
 * order of dispatch.
 */
class DispatcherTest {

    private static final String CONNECTOR = "c1";

    @TempDir
    Path tempDir;

    private EventStore store;
    private Lanes lanes;
    private Dispatcher dispatcher;
    private final List<PendingEvent> delivered = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (lanes != null) {
            lanes.shutdown(Duration.ofSeconds(5));
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void sendsWhatThePreviousRunLeftThenTakesHandedOverEventsWithoutReadingThemBack() throws Exception {
        store = EventStore.open(tempDir.resolve("ess.db").toString(), CONNECTOR);
        journal("left-1", "left-2");
        // No idle read of the store while the test hands over.
        start(10, 100, Duration.ofMinutes(1), event -> {});
        awaitDelivered(2);

        long next = delivered.get(1).seq() + 1;
        // Not in the store: only a hand-over can deliver them.
        dispatcher.offer(List.of(pending(next, "handed-1"), pending(next + 1, "handed-2")));
        awaitDelivered(4);
        assertEquals(List.of("left-1", "left-2", "handed-1", "handed-2"), deliveredIds());
    }

    @Test
    void readsTheStoreWhenAHandedOverBatchDoesNotFollowOn() throws Exception {
        store = EventStore.open(tempDir.resolve("ess.db").toString(), CONNECTOR);
        start(10, 100, Duration.ofSeconds(1), event -> {});
        dispatcher.offer(journal("e1").added());
        awaitDelivered(1);

        journal("re-driven"); // took a place in the order without a hand-over, as a re-drive does
        dispatcher.offer(journal("e2", "e3").added());
        awaitDelivered(4);
        assertEquals(List.of("e1", "re-driven", "e2", "e3"), deliveredIds());
    }

    @Test
    void leavesWhatDoesNotFitInTheStoreAndReadsItWhenTheLanesFree() throws Exception {
        store = EventStore.open(tempDir.resolve("ess.db").toString(), CONNECTOR);
        CountDownLatch partnerBack = new CountDownLatch(1);
        start(2, 3, Duration.ofSeconds(1), event -> await(partnerBack));
        List<String> ids = IntStream.range(0, 50).mapToObj(n -> "e" + n).toList();
        for (int n = 0; n < ids.size(); n += 5) {
            dispatcher.offer(journal(ids.subList(n, n + 5).toArray(String[]::new)).added());
        }
        partnerBack.countDown();
        awaitDelivered(50);
        assertEquals(ids, deliveredIds());
    }

    /**
     * The intake journals and hands over batches of random size while re-drives, as by another
     * process, put events delivered earlier back at the end of the order: every event goes out
     * once, each re-driven one once more, all in journal order.
     */
    @Test
    void deliversEachEventOnceInOrderWhileReDrivesInterleave() throws Exception {
        store = EventStore.open(tempDir.resolve("ess.db").toString(), CONNECTOR);
        start(64, 200, Duration.ofMillis(200), event -> {});
        int events = 3_000;
        int redrives = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; n < events;) {
            int size = Math.min(events - n, random.nextInt(1, 40));
            dispatcher.offer(journal(IntStream.range(n, n + size).mapToObj(i -> "e" + i).toArray(String[]::new)).added());
            n += size;
            if (random.nextInt(10) == 0) {
                PendingEvent earlier = anyDelivered();
                if (earlier != null) {
                    store.journal().park(earlier.eventId(), "test", 1, Instant.EPOCH);
                    assertTrue(store.journal().redrive(earlier.eventId()));
                    redrives++;
                }
            }
        }
        awaitDelivered(events + redrives);
        Thread.sleep(600); // idle store reads must find nothing more
        List<PendingEvent> all = deliveredSnapshot();
        assertEquals(events + redrives, all.size(), "each event once, each re-drive once more");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).seq() < all.get(i).seq(), "journal order at " + i);
        }
        assertEquals(events, all.stream().map(PendingEvent::eventId).distinct().count());
    }

    private void start(int maxInFlight, int maxQueued, Duration idleRead, PartnerCall partner) {
        lanes = new Lanes("test", 1);
        dispatcher = new Dispatcher(CONNECTOR, store.journal(), lanes, (event, worker) -> {
            partner.take(event);
            synchronized (delivered) {
                delivered.add(event);
            }
            return Outcome.SENT;
        }, maxInFlight, maxQueued, idleRead);
        dispatcher.start();
    }

    private interface PartnerCall {
        void take(PendingEvent event);
    }

    private Journalled journal(String... ids) {
        List<ReceivedEvent> events = new ArrayList<>();
        for (String id : ids) {
            events.add(new ReceivedEvent(id, "permits.changed", "P-1", body(id), Instant.EPOCH));
        }
        return store.journal().receiveAll(events);
    }

    private static PendingEvent pending(long seq, String id) {
        return new PendingEvent(seq, id, "permits.changed", "P-1", body(id), Instant.EPOCH, 0);
    }

    private static byte[] body(String id) {
        return ("{\"permit_id\":\"P-1\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private PendingEvent anyDelivered() {
        synchronized (delivered) {
            return delivered.isEmpty() ? null : delivered.get(ThreadLocalRandom.current().nextInt(delivered.size()));
        }
    }

    private List<PendingEvent> deliveredSnapshot() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    private List<String> deliveredIds() {
        return deliveredSnapshot().stream().map(PendingEvent::eventId).toList();
    }

    private void awaitDelivered(int count) throws InterruptedException {
        waitFor(() -> deliveredSnapshot().size() >= count);
        List<String> ids = deliveredIds();
        assertEquals(count, ids.size(), () -> "delivered " + (ids.size() <= 20 ? ids : "up to " + ids.get(ids.size() - 1)));
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
