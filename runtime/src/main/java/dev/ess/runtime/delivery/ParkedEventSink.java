package dev.ess.runtime.delivery;

import dev.ess.runtime.store.ParkedEvent;

/** Told of every event parked, after it is safely in the store; e.g. to announce it on the bus. */
@FunctionalInterface
public interface ParkedEventSink {

    /** Must not throw: the event is parked whatever happens here. */
    void parked(ParkedEvent event);
}
