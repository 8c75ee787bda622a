package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.ops.InstanceView.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dashboard keeps of the heartbeats it hears, on fixed instants. */
class BoardTest {

    private static final Instant T0 = Instant.parse("2026-11-27T03:00:00Z");

    private final Board board = new Board();

    @Test
    void keepsTheLatestHeartbeatOfEachInstanceSorted() {
        board.record(beat("zeta", "host-a", Heartbeat.Status.UP, T0), T0);
        board.record(beat("alpha", "host-a", Heartbeat.Status.UP, T0), T0);
        board.record(beat("alpha", "host-a", Heartbeat.Status.PARTNER_FAILING, T0.plusSeconds(30)), T0.plusSeconds(30));
        List<InstanceView> views = board.view(T0.plusSeconds(70));
        assertEquals(List.of("alpha", "zeta"), views.stream().map(view -> view.heartbeat().connector()).toList());
        assertEquals(List.of(State.AMBER, State.RED), views.stream().map(InstanceView::state).toList());
    }

    /** The dashboard's clock orders heartbeats: one claiming a time far ahead does not pin its box. */
    @Test
    void theLatestToArriveWinsWhateverTimeItClaims() {
        board.record(beat("city2dmv", "host-a", Heartbeat.Status.UP, T0.plus(Duration.ofDays(365))), T0);
        board.record(beat("city2dmv", "host-a", Heartbeat.Status.UP, T0.plusSeconds(1)).stopped(), T0.plusSeconds(1));
        InstanceView view = board.view(T0.plusSeconds(2)).get(0);
        assertEquals(State.RED, view.state());
        assertEquals("stopped", view.reason());
    }

    @Test
    void keepsABoundedNumberOfInstancesTheLongestSilentMakingRoom() {
        for (int i = 0; i < 20_000; i++) {
            Instant at = T0.plusMillis(i);
            board.record(beat("forged", "instance-" + i, Heartbeat.Status.UP, at), at);
        }
        List<InstanceView> views = board.view(T0.plusSeconds(20));
        assertEquals(Board.MAX_INSTANCES, views.size());
        assertTrue(views.stream().allMatch(view -> Integer.parseInt(view.heartbeat().instance().substring(9))
                >= 20_000 - Board.MAX_INSTANCES), "the latest are kept");
    }

    @Test
    void forgetsInstancesThatStoppedOrWentSilent() {
        board.record(beat("stopped", "host-a", Heartbeat.Status.UP, T0).stopped(), T0);
        board.record(beat("silent", "host-a", Heartbeat.Status.UP, T0), T0);
        assertEquals(List.of("silent", "stopped"), connectors(board.view(T0.plus(Board.FORGET_STOPPED))));
        assertEquals(List.of("silent"), connectors(board.view(T0.plus(Board.FORGET_STOPPED).plusSeconds(1))));
        assertEquals(List.of("silent"), connectors(board.view(T0.plus(Board.FORGET_SILENT))));
        assertEquals(List.of(), connectors(board.view(T0.plus(Board.FORGET_SILENT).plusSeconds(1))));
    }

    private static List<String> connectors(List<InstanceView> views) {
        return views.stream().map(view -> view.heartbeat().connector()).toList();
    }

    private static Heartbeat beat(String connector, String instance, Heartbeat.Status status, Instant sentAt) {
        return new Heartbeat(connector, instance, status, true, true, null, 0, 0, 0, null,
                status == Heartbeat.Status.PARTNER_FAILING ? 2 : 0, 30, sentAt, 0, null, null, List.of(0), null);
    }
}
