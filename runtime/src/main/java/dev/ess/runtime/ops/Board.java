package dev.ess.runtime.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last heartbeat of every connector instance the dashboard has heard of, within bounds, so
 * that heartbeats nobody should have sent cannot grow it: at most {@value #MAX_INSTANCES}
 * instances, the one silent longest making room for a newcomer; an instance that said it stopped
 * is forgotten after {@link #FORGET_STOPPED}, a silent one after {@link #FORGET_SILENT} (or three
 * of its intervals, if longer).
 *
 * <p>Heartbeats count in the order the dashboard receives them: the time a heartbeat claims to
 * have been sent is the sender's word, and one claiming a time far ahead must not pin its box.
 */
final class Board {

    static final int MAX_INSTANCES = 1_000;
    static final Duration FORGET_STOPPED = Duration.ofMinutes(10);
    static final Duration FORGET_SILENT = Duration.ofHours(1);

    private record Entry(Heartbeat heartbeat, Instant receivedAt) {}

    /** By connector and instance, the least recently heard first. */
    private final Map<String, Entry> instances = new LinkedHashMap<>();

    synchronized void record(Heartbeat heartbeat, Instant receivedAt) {
        String key = heartbeat.connector() + "\u0000" + heartbeat.instance();
        if (instances.remove(key) == null) {
            forget(receivedAt);
            if (instances.size() >= MAX_INSTANCES) {
                Iterator<Entry> silentLongest = instances.values().iterator();
                silentLongest.next();
                silentLongest.remove();
            }
        }
        instances.put(key, new Entry(heartbeat, receivedAt));
    }

    /** Every instance as of {@code now}, sorted by connector, then instance. */
    synchronized List<InstanceView> view(Instant now) {
        forget(now);
        return instances.values().stream()
                .map(entry -> InstanceView.of(entry.heartbeat(), entry.receivedAt(), now))
                .sorted(Comparator.comparing((InstanceView view) -> view.heartbeat().connector())
                        .thenComparing(view -> view.heartbeat().instance()))
                .toList();
    }

    private void forget(Instant now) {
        instances.values().removeIf(entry -> {
            Duration silence = Duration.between(entry.receivedAt(), now);
            Duration threeIntervals = Duration.ofSeconds(3L * entry.heartbeat().heartbeatSec());
            return silence.compareTo(FORGET_SILENT) > 0 && silence.compareTo(threeIntervals) > 0
                    || entry.heartbeat().status() == Heartbeat.Status.STOPPED && silence.compareTo(FORGET_STOPPED) > 0;
        });
    }
}
