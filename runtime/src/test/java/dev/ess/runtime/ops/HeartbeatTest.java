package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    private static final Instant SENT_AT = Instant.parse("2026-11-27T03:00:00Z");

    @Test
    void travelsAsJsonAndBack() {
        Heartbeat heartbeat = new Heartbeat("city2dmv", "host-a", Heartbeat.Status.PARTNER_FAILING, true, true, false,
                12, 40, 3, Instant.parse("2026-11-27T02:59:20Z"), 4, 30, SENT_AT);
        String json = new String(heartbeat.toBytes(), StandardCharsets.UTF_8);
        assertEquals("{\"connector\":\"city2dmv\",\"instance\":\"host-a\",\"status\":\"PARTNER_FAILING\","
                + "\"busConnected\":true,\"partnerAvailable\":true,\"partnerAnswers\":false,\"backlog\":12,"
                + "\"lagSeconds\":40,\"parked\":3,\"lastSent\":\"2026-11-27T02:59:20Z\",\"consecutiveFailures\":4,"
                + "\"heartbeatSec\":30,\"sentAt\":\"2026-11-27T03:00:00Z\",\"storeFailure\":null}", json);
        assertEquals(heartbeat, Heartbeat.parse(heartbeat.toBytes()));
    }

    @Test
    void carriesWhyTheStoreCannotBeWritten() {
        Heartbeat heartbeat = new Heartbeat("city2dmv", "host-a", Heartbeat.Status.STORE_FAILING, true, true, null, 3, 9,
                0, null, 0, 30, SENT_AT, "[SQLITE_FULL] database or disk is full");
        assertEquals(heartbeat, Heartbeat.parse(heartbeat.toBytes()));
        assertEquals("[SQLITE_FULL] database or disk is full", heartbeat.stopped().storeFailure());
    }

    @Test
    void saysNullForWhatIsUnknown() {
        Heartbeat heartbeat = new Heartbeat("city2dmv", "host-a", Heartbeat.Status.UP, true, true, null, 0, 0, 0, null,
                0, 1, SENT_AT);
        assertEquals(heartbeat, Heartbeat.parse(heartbeat.toBytes()));
        assertEquals("null", heartbeat.toJson().get("partnerAnswers").toString());
        assertEquals("null", heartbeat.toJson().get("lastSent").toString());
    }

    @Test
    void theLastHeartbeatSaysStopped() {
        Heartbeat heartbeat = new Heartbeat("city2dmv", "host-a", Heartbeat.Status.UP, true, true, null, 0, 0, 0, null,
                0, 1, SENT_AT);
        assertEquals(Heartbeat.Status.STOPPED, heartbeat.stopped().status());
        assertEquals("ess.heartbeat.city2dmv", Heartbeat.routingKey("city2dmv"));
    }

    @Test
    void refusesWhatIsNotAHeartbeat() {
        assertEquals("not a JSON object",
                assertThrows(IllegalArgumentException.class, () -> parse("[1,2]")).getMessage());
        assertEquals("not a heartbeat: 'instance' is missing",
                assertThrows(IllegalArgumentException.class, () -> parse("{\"connector\":\"a\"}")).getMessage());
        assertEquals("not a heartbeat: No enum constant dev.ess.runtime.ops.Heartbeat.Status.SLEEPY",
                assertThrows(IllegalArgumentException.class, () -> parse(
                        "{\"connector\":\"a\",\"instance\":\"b\",\"status\":\"SLEEPY\",\"sentAt\":\"2026-11-27T03:00:00Z\"}"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("\u0000\u0001garbage"));
    }

    /** What no connector sends: it would only grow the dashboard or garble its page and log. */
    @Test
    void refusesNamesNoConnectorGives() {
        String beat = "{\"connector\":%s,\"instance\":%s,\"status\":\"UP\",\"sentAt\":\"2026-11-27T03:00:00Z\"}";
        assertEquals("not a heartbeat: 'connector' is no connector id", assertThrows(IllegalArgumentException.class,
                () -> parse(beat.formatted("\"<b>city2dmv</b>\"", "\"host-a\""))).getMessage());
        assertEquals("not a heartbeat: 'instance' must be 1 to 255 characters without control characters",
                assertThrows(IllegalArgumentException.class,
                        () -> parse(beat.formatted("\"city2dmv\"", "\"" + "x".repeat(256) + "\""))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(beat.formatted("\"city2dmv\"", "\"host\\nFORGED\"")));
        assertEquals("host-a.example", parse(beat.formatted("\"city2dmv\"", "\"host-a.example\"")).instance());
    }

    private static Heartbeat parse(String body) {
        return Heartbeat.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
