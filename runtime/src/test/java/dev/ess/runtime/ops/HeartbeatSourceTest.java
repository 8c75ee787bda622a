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
import java.util.List;
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
    private ConnectorStatus status = new ConnectorStatus("city2dmv", true, true, 4, null, 1, LAST_SENT, 0, 0, null, null, List.of(0), null);
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
                now, 0, null, null, List.of(0), null), source.current());
    }

    /** A connector that parks every event and sends none is not well, whatever the partner says. */
    @Test
    void saysParkingOnceSeveralEventsWereParkedInARowAndNoneSent() {
        status = new ConnectorStatus("city2dmv", true, true, 0, null, 2, null, 0, Heartbeat.PARKING_ALARM - 1, null, null, List.of(0), null);
        assertEquals(Heartbeat.Status.UP, source.fresh().status(), "a poison event or two is not alarming");
        status = new ConnectorStatus("city2dmv", true, true, 0, null, 3, null, 0, Heartbeat.PARKING_ALARM, null, null, List.of(0), null);
        Heartbeat parking = source.fresh();
        assertEquals(Heartbeat.Status.PARKING, parking.status());
        assertEquals(Heartbeat.PARKING_ALARM, parking.parkedSinceLastSent());
    }

    @Test
    void thePartnerFailsWhileItsCircuitIsOpenOrCallsFail() {
        status = new ConnectorStatus("city2dmv", true, false, 4, null, 1, LAST_SENT, 0, 0, null, null, List.of(0), null);
        assertEquals(Heartbeat.Status.PARTNER_FAILING, source.fresh().status());
        status = new ConnectorStatus("city2dmv", true, true, 4, null, 1, LAST_SENT, 2, 0, null, null, List.of(0), null);
        assertEquals(Heartbeat.Status.PARTNER_FAILING, source.fresh().status());
        status = new ConnectorStatus("city2dmv", true, true, 4, null, 1, LAST_SENT, 0, 0, null, null, List.of(0), null);
        assertEquals(Heartbeat.Status.UP, source.fresh().status());
    }

    @Test
    void aStoreThatCannotBeWrittenOutweighsAFailingPartner() {
        status = new ConnectorStatus("city2dmv", true, false, 4, null, 1, LAST_SENT, 3, 0, null, null, List.of(0), "[SQLITE_READONLY] read-only");
        Heartbeat heartbeat = source.fresh();
        assertEquals(Heartbeat.Status.STORE_FAILING, heartbeat.status());
        assertEquals("[SQLITE_READONLY] read-only", heartbeat.storeFailure());
    }

    @Test
    void lagIsTheAgeOfTheOldestEventStillWaiting() {
        status = new ConnectorStatus("city2dmv", true, true, 4, now.minusSeconds(15), 1, LAST_SENT, 0, 0, null, null, List.of(0), null);
        assertEquals(15, source.fresh().lagSeconds());
        status = new ConnectorStatus("city2dmv", true, true, 0, null, 1, LAST_SENT, 0, 0, null, null, List.of(0), null);
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
        status = new ConnectorStatus("city2dmv", true, true, 0, null, 1, LAST_SENT, 0, 0, null, null, List.of(0), null);
        source.fresh();
        assertNull(source.statusError());
    }
}
