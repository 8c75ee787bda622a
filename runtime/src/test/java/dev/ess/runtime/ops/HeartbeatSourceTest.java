package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.ConnectorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How a connector's status becomes a heartbeat, on a clock the test moves. */
class HeartbeatSourceTest {

    private static final ConnectorSpec SPEC = ConnectorSpec.builder("city2dmv")
            .listenTopic("permits.changed")
            .targetUrl("http://127.0.0.1:1/permits")
            .fields("permit_id")
            .heartbeatSec(15)
            .build();
    private static final Instant LAST_SENT = Instant.parse("2026-11-27T02:59:00Z");

    private Instant now = Instant.parse("2026-11-27T03:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private ConnectorStatus status = new ConnectorStatus("city2dmv", true, true, 4, null, 1, LAST_SENT, 0);
    private int reads;
    private final HeartbeatSource source = new HeartbeatSource(SPEC, "host-a", () -> {
        reads++;
        if (status == null) {
            throw new IllegalStateException("database connection closed");
        }
        return status;
    }, null, clock, Duration.ofSeconds(1));

    @Test
    void reportsTheStatusAsItIs() {
        assertEquals(new Heartbeat("city2dmv", "host-a", Heartbeat.Status.UP, true, true, null, 4, 0, 1, LAST_SENT, 0, 15,
                now), source.current());
    }

    @Test
    void thePartnerFailsWhileItsCircuitIsOpenOrCallsFail() {
        status = new ConnectorStatus("city2dmv", true, false, 4, null, 1, LAST_SENT, 0);
        assertEquals(Heartbeat.Status.PARTNER_FAILING, source.fresh().status());
        status = new ConnectorStatus("city2dmv", true, true, 4, null, 1, LAST_SENT, 2);
        assertEquals(Heartbeat.Status.PARTNER_FAILING, source.fresh().status());
        status = new ConnectorStatus("city2dmv", true, true, 4, null, 1, LAST_SENT, 0);
        assertEquals(Heartbeat.Status.UP, source.fresh().status());
    }

    @Test
    void aStoreThatCannotBeWrittenOutweighsAFailingPartner() {
        status = new ConnectorStatus("city2dmv", true, false, 4, null, 1, LAST_SENT, 3, "[SQLITE_READONLY] read-only");
        Heartbeat heartbeat = source.fresh();
        assertEquals(Heartbeat.Status.STORE_FAILING, heartbeat.status());
        assertEquals("[SQLITE_READONLY] read-only", heartbeat.storeFailure());
    }

    @Test
    void lagIsTheAgeOfTheOldestEventStillWaiting() {
        status = new ConnectorStatus("city2dmv", true, true, 4, now.minusSeconds(15), 1, LAST_SENT, 0);
        assertEquals(15, source.fresh().lagSeconds());
        status = new ConnectorStatus("city2dmv", true, true, 0, null, 1, LAST_SENT, 0);
        assertEquals(0, source.fresh().lagSeconds(), "nothing waits");
    }

    @Test
    void readsTheStatusAtMostOncePerSecond() {
        Heartbeat first = source.current();
        now = now.plusMillis(999);
        assertSame(first, source.current());
        assertEquals(1, reads);
        now = now.plusMillis(1);
        source.current();
        assertEquals(2, reads);
    }

    @Test
    void aStatusThatCannotBeReadMeansNoBus() {
        source.current();
        status = null;
        Heartbeat heartbeat = source.fresh();
        assertFalse(heartbeat.busConnected());
        assertEquals(4, heartbeat.backlog(), "the last figures known");
        assertEquals("database connection closed", source.statusError());
        status = new ConnectorStatus("city2dmv", true, true, 0, null, 1, LAST_SENT, 0);
        source.fresh();
        assertNull(source.statusError());
    }
}
