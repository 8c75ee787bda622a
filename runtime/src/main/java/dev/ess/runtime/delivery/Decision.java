package dev.ess.runtime.delivery;

import java.time.Duration;
import java.util.Objects;

/** What to do after a failed delivery attempt, as {@link RetryPolicy#next} decides it. */
public sealed interface Decision {

    /** Give up on the event: park it with this reason, after {@code attempts} counted calls. */
    record Park(String reason, int attempts) implements Decision {
        public Park {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Call again after a pause of between half and all of {@code pause} (the jitter keeps
     * instances that failed together from retrying together).
     */
    record RetryAfter(Duration pause, History history) implements Decision {
        public RetryAfter {
            Objects.requireNonNull(pause, "pause");
            Objects.requireNonNull(history, "history");
        }
    }

    /**
     * The partner is down: open its circuit if it is closed, and wait for a probe turn. The
     * failure does not count against the event's {@code max_retry}.
     */
    record WaitForPartner(History history) implements Decision {
        public WaitForPartner {
            Objects.requireNonNull(history, "history");
        }
    }

    /**
     * This event's probe of a partner that is down failed: give the lane to another key's event,
     * which takes the next probe, and deliver this one later, still first of its key.
     */
    record Yield(History history) implements Decision {
        public Yield {
            Objects.requireNonNull(history, "history");
        }
    }
}
