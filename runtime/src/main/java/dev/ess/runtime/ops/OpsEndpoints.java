package dev.ess.runtime.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A connector's ops endpoints:
 * <ul>
 *   <li>{@code /metrics}: every metric in the Prometheus text format
 *   <li>{@code /health}: liveness; 200 while the connector's status can be read, else 503
 *   <li>{@code /ready}: 200 only while the bus is connected, the partner's circuit is closed and
 *       the store can be written, else 503; the JSON body says why
 * </ul>
 */
final class OpsEndpoints {

    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpsEndpoints() {}

    static OpsHttp start(HttpOptions options, ConnectorMetrics metrics, HeartbeatSource source) throws IOException {
        return OpsHttp.start(options, Map.of(
                "/metrics", request -> OpsResponse.text(200, PROMETHEUS_CONTENT_TYPE, metrics.scrape()),
                "/health", request -> health(source),
                "/ready", request -> ready(source)), "ess-" + metrics.connector() + "-ops");
    }

    private static OpsResponse health(HeartbeatSource source) {
        Heartbeat heartbeat = source.current();
        String error = source.statusError();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", error == null ? "UP" : "DOWN");
        body.put("connector", heartbeat.connector());
        body.put("instance", heartbeat.instance());
        if (error != null) {
            body.put("reason", "cannot read the connector's status: " + error);
        }
        return OpsResponse.json(error == null ? 200 : 503, body);
    }

    private static OpsResponse ready(HeartbeatSource source) {
        Heartbeat heartbeat = source.current();
        List<String> reasons = new ArrayList<>();
        if (!heartbeat.busConnected()) {
            reasons.add("the bus connection is closed");
        }
        if (!heartbeat.partnerAvailable()) {
            reasons.add("the partner's circuit is open: calls to it are paused");
        }
        if (heartbeat.storeFailure() != null) {
            reasons.add("the store cannot be written: " + heartbeat.storeFailure());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("ready", reasons.isEmpty());
        body.put("connector", heartbeat.connector());
        body.put("instance", heartbeat.instance());
        ArrayNode why = body.putArray("reasons");
        reasons.forEach(why::add);
        body.set("heartbeat", heartbeat.toJson());
        return OpsResponse.json(reasons.isEmpty() ? 200 : 503, body);
    }
}
