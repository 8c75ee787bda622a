package dev.ess.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a connector instance says about itself every {@code heartbeat_sec}, on the exchange
 * {@code hms.ops} with routing key {@code ess.heartbeat.<connector>}, as JSON.
 *
 * @param connector the connector id
 * @param instance which running copy of the connector: a host name, or {@code ESS_INSTANCE}
 * @param status {@link Status#UP}, {@link Status#PARTNER_FAILING}, {@link Status#STORE_FAILING},
 *     or {@link Status#STOPPED} in the last heartbeat of an instance that stops
 * @param busConnected whether the connector's bus connection is open
 * @param partnerAvailable whether the runtime calls the partner (its circuit is closed)
 * @param partnerAnswers whether the partner's {@code ping_url} answered the last ping;
 *     {@code null} when the manifest has no {@code ping_url}
 * @param backlog events received and not yet sent nor parked
 * @param lagSeconds seconds since the oldest event still waiting was received, 0 when none waits
 * @param parked events parked so far
 * @param lastSent when the partner last acknowledged an event, {@code null} if never
 * @param consecutiveFailures failed calls to the partner since its last acknowledgement
 * @param heartbeatSec seconds until the next heartbeat is due
 * @param sentAt when this heartbeat was made
 * @param storeFailure why the connector's store cannot be written, or {@code null} while it can
 */
public record Heartbeat(
        String connector,
        String instance,
        Status status,
        boolean busConnected,
        boolean partnerAvailable,
        Boolean partnerAnswers,
        long backlog,
        long lagSeconds,
        long parked,
        Instant lastSent,
        int consecutiveFailures,
        int heartbeatSec,
        Instant sentAt,
        String storeFailure) {

    /** How a connector instance is doing, in one word. */
    public enum Status {
        /** Running; the partner takes events. */
        UP,
        /** Running, but calls to the partner fail or its ping does not answer. */
        PARTNER_FAILING,
        /** Running, but its store cannot be written: it can take no event. */
        STORE_FAILING,
        /** Stopping: no more heartbeats will come from this instance. */
        STOPPED
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A connector id as manifests allow it, with room to spare. */
    private static final Pattern CONNECTOR = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,99}");
    /** Longer than any host name; a longer one is no instance ESS named. */
    static final int MAX_INSTANCE_LENGTH = 255;

    public Heartbeat {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /** A heartbeat of a connector whose store can be written. */
    public Heartbeat(String connector, String instance, Status status, boolean busConnected, boolean partnerAvailable,
            Boolean partnerAnswers, long backlog, long lagSeconds, long parked, Instant lastSent, int consecutiveFailures,
            int heartbeatSec, Instant sentAt) {
        this(connector, instance, status, busConnected, partnerAvailable, partnerAnswers, backlog, lagSeconds, parked,
                lastSent, consecutiveFailures, heartbeatSec, sentAt, null);
    }

    /** The routing key of a connector's heartbeats on {@code hms.ops}. */
    public static String routingKey(String connector) {
        return OpsTopology.HEARTBEAT_PREFIX + connector;
    }

    /** The same heartbeat marked as the last one of a stopping instance. */
    public Heartbeat stopped() {
        return new Heartbeat(connector, instance, Status.STOPPED, busConnected, partnerAvailable, partnerAnswers,
                backlog, lagSeconds, parked, lastSent, consecutiveFailures, heartbeatSec, sentAt, storeFailure);
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("connector", connector);
        node.put("instance", instance);
        node.put("status", status.name());
        node.put("busConnected", busConnected);
        node.put("partnerAvailable", partnerAvailable);
        if (partnerAnswers == null) {
            node.putNull("partnerAnswers");
        } else {
            node.put("partnerAnswers", partnerAnswers);
        }
        node.put("backlog", backlog);
        node.put("lagSeconds", lagSeconds);
        node.put("parked", parked);
        node.put("lastSent", lastSent == null ? null : lastSent.toString());
        node.put("consecutiveFailures", consecutiveFailures);
        node.put("heartbeatSec", heartbeatSec);
        node.put("sentAt", sentAt.toString());
        node.put("storeFailure", storeFailure);
        return node;
    }

    public byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(toJson());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a heartbeat as JSON", e);
        }
    }

    /**
     * Reads a heartbeat as {@link #toBytes()} writes it.
     *
     * @throws IllegalArgumentException when the body is not such a heartbeat, or its connector is
     *     no connector id or its instance name is empty, longer than {@value #MAX_INSTANCE_LENGTH}
     *     characters or holds control characters
     */
    public static Heartbeat parse(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            JsonNode answers = node.path("partnerAnswers");
            String lastSent = text(node, "lastSent", false);
            String connector = text(node, "connector", true);
            if (!CONNECTOR.matcher(connector).matches()) {
                throw new IllegalArgumentException("'connector' is no connector id");
            }
            String instance = text(node, "instance", true);
            if (instance.isEmpty() || instance.length() > MAX_INSTANCE_LENGTH
                    || instance.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("'instance' must be 1 to " + MAX_INSTANCE_LENGTH
                        + " characters without control characters");
            }
            return new Heartbeat(
                    connector,
                    instance,
                    Status.valueOf(text(node, "status", true)),
                    node.path("busConnected").asBoolean(),
                    node.path("partnerAvailable").asBoolean(),
                    answers.isBoolean() ? answers.booleanValue() : null,
                    node.path("backlog").asLong(),
                    node.path("lagSeconds").asLong(),
                    node.path("parked").asLong(),
                    lastSent == null ? null : Instant.parse(lastSent),
                    node.path("consecutiveFailures").asInt(),
                    Math.max(1, node.path("heartbeatSec").asInt(1)),
                    Instant.parse(text(node, "sentAt", true)),
                    text(node, "storeFailure", false));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a heartbeat: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("'" + field + "' is missing");
            }
            return null;
        }
        return value.asText();
    }
}
