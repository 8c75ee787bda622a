package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ess.runtime.ops.InstanceView.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's colour rules, on fixed instants. */
class InstanceViewTest {

    private static final Instant T0 = Instant.parse("2026-11-27T03:00:00Z");

    @Test
    void greenWhileHeartbeatsArriveOnTime() {
        InstanceView view = InstanceView.of(beat("a", Heartbeat.Status.UP, true, null, 0, T0), T0, T0.plusSeconds(20));
        assertEquals(State.GREEN, view.state());
        assertEquals("alive", view.reason());
        assertEquals(20, view.secondsSinceHeartbeat());
    }

    @Test
    void redAfterMoreThanTwoIntervalsOfSilence() {
        Heartbeat beat = beat("a", Heartbeat.Status.UP, true, null, 0, T0);
        assertEquals(State.GREEN, InstanceView.of(beat, T0, T0.plusSeconds(60)).state(), "two intervals: still on time");
        InstanceView late = InstanceView.of(beat, T0, T0.plusSeconds(61));
        assertEquals(State.RED, late.state());
        assertEquals("no heartbeat for 61 s", late.reason());
    }

    @Test
    void redAtOnceWhenTheInstanceSaysItStopped() {
        InstanceView view = InstanceView.of(beat("a", Heartbeat.Status.UP, true, null, 0, T0).stopped(), T0, T0);
        assertEquals(State.RED, view.state());
        assertEquals("stopped", view.reason());
    }

    @Test
    void redWhileTheStoreCannotBeWritten() {
        Heartbeat beat = new Heartbeat("a", "host-a", Heartbeat.Status.STORE_FAILING, true, true, null, 2, 5, 0, null, 0,
                30, T0, "[SQLITE_FULL] database or disk is full");
        InstanceView view = InstanceView.of(beat, T0, T0.plusSeconds(1));
        assertEquals(State.RED, view.state());
        assertEquals("store cannot be written: [SQLITE_FULL] database or disk is full", view.reason());
    }

    @Test
    void amberWhileThePartnerFails() {
        assertEquals("partner down: circuit open", InstanceView.of(
                beat("a", Heartbeat.Status.PARTNER_FAILING, false, null, 7, T0), T0, T0).reason());
        assertEquals("partner does not answer its ping", InstanceView.of(
                beat("a", Heartbeat.Status.PARTNER_FAILING, true, false, 0, T0), T0, T0).reason());
        InstanceView failing = InstanceView.of(beat("a", Heartbeat.Status.PARTNER_FAILING, true, true, 3, T0), T0, T0);
        assertEquals(State.AMBER, failing.state());
        assertEquals("partner failing: 3 failed call(s) in a row", failing.reason());
        assertEquals(State.RED, InstanceView.of(beat("a", Heartbeat.Status.PARTNER_FAILING, true, true, 3, T0), T0,
                T0.plusSeconds(90)).state(), "silence wins over the partner's trouble");
    }

    private static Heartbeat beat(String connector, Heartbeat.Status status, boolean partnerAvailable,
            Boolean partnerAnswers, int failures, Instant sentAt) {
        return new Heartbeat(connector, "host-a", status, true, partnerAvailable, partnerAnswers, 0, 0, 0, null, failures,
                30, sentAt);
    }
}
