package dev.ess.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL ends a store's connection for real ({@code pg_terminate_backend}, as a restart or
 * a fail-over would): the store connects again at its next use and takes back its membership and
 * its claims, except a claim another instance took in between, which it reports as lost.
 */
class ConnectionLossTest {

    @TempDir
    Path tempDir;

    private String location;

    @AfterEach
    void dropTheSchema() throws Exception {
        if (location != null) {
            DatabaseUnderTest.POSTGRESQL.drop(location);
        }
    }

    @Test
    void aStoreWhoseConnectionEndedConnectsAgainAndKnowsWhichClaimsItLost() throws Exception {
        location = DatabaseUnderTest.POSTGRESQL.create(tempDir);
        String connector = "loss-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventStore first = EventStore.open(location, connector);
                EventStore second = EventStore.open(location, connector)) {
            first.join();
            assertTrue(first.tryClaim(0));
            assertTrue(first.tryClaim(1));

            int ended = terminateSessionsHolding(connector);
            assertEquals(1, ended, "one session held the first store's claims");
            second.join();
            assertTrue(second.tryClaim(1), "the first store's claims ended with its session");

            List<StoreException> failures = new ArrayList<>();
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    first.journal().receiveAll(0, List.of(event(connector + "-1")));
                    break;
                } catch (StoreException e) {
                    failures.add(e);
                }
            }
            assertTrue(failures.size() <= 1, "the write after the one that found the connection ended succeeds: "
                    + failures);
            assertEquals(1, first.view().count(JournalStatus.RECEIVED));
            assertEquals(List.of(1), first.lostPartitions(), "partition 1 is the second store's now");
            assertEquals(List.of(), first.lostPartitions(), "each lost partition is told once");
            assertFalse(second.tryClaim(0), "the first store took partition 0 back with its new connection");
            assertEquals(2, first.members(), "the first store joined again");
        }
    }

    @Test
    void aStoreThatCannotConnectYetFailsEachCallUntilItCan() throws Exception {
        location = DatabaseUnderTest.POSTGRESQL.create(tempDir);
        String connector = "loss-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventStore store = EventStore.open(location, connector)) {
            assertTrue(store.tryClaim(0));
            terminateSessionsHolding(connector);
            try (EventStore other = EventStore.open(location, connector)) {
                assertTrue(other.tryClaim(0), "the claim ended with the session");
                // The first store's next calls find its connection ended, then connect again and
                // cannot take partition 0 back while the other store holds it.
                assertThrows(StoreException.class, () -> store.journal().receiveAll(0, List.of(event(connector + "-1"))));
                store.journal().receiveAll(0, List.of(event(connector + "-1")));
                assertEquals(List.of(0), store.lostPartitions());
                assertFalse(store.tryClaim(0));
            }
            assertTrue(store.tryClaim(0), "free again once the other store closed");
        }
    }

    /** Ends, as the database would, every session holding one of the connector's claims; returns how many. */
    private int terminateSessionsHolding(String connector) throws Exception {
        try (Connection admin = DriverManager.getConnection(location);
                PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM"
                        + " (SELECT DISTINCT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND classid = hashtext('ess')::oid AND objid IN (hashtext(?)::oid, hashtext(?)::oid)) claims")) {
            terminate.setString(1, connector);
            terminate.setString(2, connector + "#1");
            int ended = 0;
            try (ResultSet rows = terminate.executeQuery()) {
                while (rows.next()) {
                    ended += rows.getBoolean(1) ? 1 : 0;
                }
            }
            return ended;
        }
    }

    private static ReceivedEvent event(String id) {
        return new ReceivedEvent(id, "permits.changed", "K-1", "{\"permit_id\":\"K-1\"}".getBytes(StandardCharsets.UTF_8),
                Instant.now());
    }
}
