package dev.ess.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A connector's settings, as its manifest declares them. Generated connectors build one with
 * {@link #builder(String)}; values the manifest leaves out take the defaults shown here.
 *
 * @param id the connector id; its queue is {@code ess.<id>}
 * @param listenTopic the routing-key pattern bound on the {@code hms.events} exchange
 * @param targetUrl the partner's endpoint address; the environment's {@code TARGET_URL} wins
 * @param fields the event fields the connector forwards
 * @param key the field that orders events: events of one key reach the partner in order
 * @param heartbeatSec seconds between heartbeats
 * @param maxRetry attempts after the first before an event is parked
 * @param parallelism how many keys are delivered at once, in each partition
 * @param partitions how many partitions the connector's events are split into by key, each
 *     delivered by one instance at a time
 * @param debounceSec seconds within which changes of one key merge into one send; 0 sends each change
 * @param replayWindow how long what was sent stays in the store, so that an operator can send it again
 * @param delta whether a send carries only the optional elements that changed since what the
 *     partner acknowledged for the key (the key and every required element are always sent)
 * @param pingUrl the partner's liveness URL the runtime polls, or {@code null} when it has none
 */
public record ConnectorSpec(
        String id,
        String listenTopic,
        String targetUrl,
        List<String> fields,
        String key,
        int heartbeatSec,
        int maxRetry,
        int parallelism,
        int partitions,
        int debounceSec,
        Duration replayWindow,
        boolean delta,
        String pingUrl) {

    public static final int DEFAULT_HEARTBEAT_SEC = 30;
    public static final int DEFAULT_MAX_RETRY = 5;
    public static final int DEFAULT_PARALLELISM = 1;
    public static final int DEFAULT_PARTITIONS = 1;
    public static final int DEFAULT_DEBOUNCE_SEC = 0;
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofHours(1);
    public static final boolean DEFAULT_DELTA = false;

    public ConnectorSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listenTopic, "listenTopic");
        Objects.requireNonNull(targetUrl, "targetUrl");
        fields = List.copyOf(fields);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(replayWindow, "replayWindow");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (debounceSec < 0) {
            throw new IllegalArgumentException("debounceSec must not be negative, got " + debounceSec);
        }
        if (replayWindow.isNegative()) {
            throw new IllegalArgumentException("replayWindow must not be negative, got " + replayWindow);
        }
    }

    /** This spec with other partner URLs, e.g. once environment references are resolved. */
    public ConnectorSpec withUrls(String targetUrl, String pingUrl) {
        return new ConnectorSpec(id, listenTopic, targetUrl, fields, key, heartbeatSec, maxRetry, parallelism, partitions,
                debounceSec, replayWindow, delta, pingUrl);
    }

    /** The durable queue the connector consumes. */
    public String queue() {
        return "ess." + id;
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link ConnectorSpec}; the key defaults to the first field. */
    public static final class Builder {
        private final String id;
        private String listenTopic;
        private String targetUrl;
        private List<String> fields = List.of();
        private String key;
        private int heartbeatSec = DEFAULT_HEARTBEAT_SEC;
        private int maxRetry = DEFAULT_MAX_RETRY;
        private int parallelism = DEFAULT_PARALLELISM;
        private int partitions = DEFAULT_PARTITIONS;
        private int debounceSec = DEFAULT_DEBOUNCE_SEC;
        private Duration replayWindow = DEFAULT_REPLAY_WINDOW;
        private boolean delta = DEFAULT_DELTA;
        private String pingUrl;

        private Builder(String id) {
            this.id = id;
        }

        public Builder listenTopic(String listenTopic) {
            this.listenTopic = listenTopic;
            return this;
        }

        public Builder targetUrl(String targetUrl) {
            this.targetUrl = targetUrl;
            return this;
        }

        public Builder fields(String... fields) {
            this.fields = List.of(fields);
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder heartbeatSec(int heartbeatSec) {
            this.heartbeatSec = heartbeatSec;
            return this;
        }

        public Builder maxRetry(int maxRetry) {
            this.maxRetry = maxRetry;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder debounceSec(int debounceSec) {
            this.debounceSec = debounceSec;
            return this;
        }

        public Builder replayWindow(Duration replayWindow) {
            this.replayWindow = replayWindow;
            return this;
        }

        public Builder delta(boolean delta) {
            this.delta = delta;
            return this;
        }

        public Builder pingUrl(String pingUrl) {
            this.pingUrl = pingUrl;
            return this;
        }

        public ConnectorSpec build() {
            String orderKey = key != null ? key : fields.isEmpty() ? "" : fields.get(0);
            return new ConnectorSpec(id, listenTopic, targetUrl, fields, orderKey, heartbeatSec, maxRetry, parallelism,
                    partitions, debounceSec, replayWindow, delta, pingUrl);
        }
    }
}
