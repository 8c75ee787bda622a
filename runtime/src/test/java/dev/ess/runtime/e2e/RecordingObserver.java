package dev.ess.runtime.e2e;

import dev.ess.runtime.DeliveryObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Writes down every delivery step it is told of, in order. */
final class RecordingObserver implements DeliveryObserver {

    private final List<String> steps = new ArrayList<>();

    synchronized List<String> steps() {
        return List.copyOf(steps);
    }

    @Override
    public synchronized void received(String eventId) {
        steps.add("received " + eventId);
    }

    @Override
    public synchronized void duplicate(String eventId) {
        steps.add("duplicate " + eventId);
    }

    @Override
    public synchronized void conflict(String eventId) {
        steps.add("conflict " + eventId);
    }

    @Override
    public synchronized void sent(String eventId, Duration latency, int attempts) {
        steps.add("sent " + eventId + " after " + attempts + " attempt(s)");
    }

    @Override
    public synchronized void retried(String eventId, int attempt, String reason) {
        steps.add("retried " + eventId + " after attempt " + attempt);
    }

    @Override
    public synchronized void parked(String eventId, String reason) {
        steps.add("parked " + eventId);
    }
}
