package dev.ess.runtime.ops;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The last heartbeat of every connector instance the dashboard has heard of. */
final class Board {

    private record Entry(Heartbeat heartbeat, Instant receivedAt) {}

    private final Map<String, Entry> instances = new ConcurrentHashMap<>();

    void record(Heartbeat heartbeat, Instant receivedAt) {
        instances.merge(heartbeat.connector() + "\u0000" + heartbeat.instance(), new Entry(heartbeat, receivedAt),
                (old, latest) -> latest.heartbeat().sentAt().isBefore(old.heartbeat().sentAt()) ? old : latest);
    }

    /** Every instance as of {@code now}, sorted by connector, then instance. */
    List<InstanceView> view(Instant now) {
        return instances.values().stream()
                .map(entry -> InstanceView.of(entry.heartbeat(), entry.receivedAt(), now))
                .sorted(Comparator.comparing((InstanceView view) -> view.heartbeat().connector())
                        .thenComparing(view -> view.heartbeat().instance()))
                .toList();
    }
}
