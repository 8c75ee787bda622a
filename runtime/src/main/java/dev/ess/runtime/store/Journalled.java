package dev.ess.runtime.store;

import java.util.List;
import java.util.Map;

/**
 * What one journalled batch changed.
 *
 * @param earlier the status each event the journal already held had, by event id
 * @param added the events new to the journal, in their arrival order, committed
 * @param conflicting the events whose id the journal holds with another body, in their arrival
 *     order; not journalled
 */
public record Journalled(Map<String, JournalStatus> earlier, List<PendingEvent> added, List<ReceivedEvent> conflicting) {

    public Journalled {
        earlier = Map.copyOf(earlier);
        added = List.copyOf(added);
        conflicting = List.copyOf(conflicting);
    }
}
