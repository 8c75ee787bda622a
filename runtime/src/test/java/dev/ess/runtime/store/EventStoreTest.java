package dev.ess.runtime.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path tempDir;

    private DatabaseUnderTest database;
    private String location;

    @AfterEach
    void dropDatabase() throws Exception {
        if (location != null) {
            database.drop(location);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void createsTheSchemaAndMigratesOnlyOnce(DatabaseUnderTest db) throws Exception {
        String where = create(db);
        try (EventStore store = EventStore.open(where)) {
            assertEquals(Migrations.latestVersion(), store.schemaVersion());
            store.receive(event("e1", "P-1"));
        }
        try (EventStore reopened = EventStore.open(where)) {
            assertEquals(Migrations.latestVersion(), reopened.schemaVersion());
            assertTrue(reopened.find("c1", "e1").isPresent(), "data survives reopening");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void receivesAnEventOnceAndReturnsTheEarlierEntryOnRedelivery(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db))) {
            JournalEntry first = store.receive(event("e1", "P-1"));
            assertEquals(JournalStatus.RECEIVED, first.status());
            assertEquals(0, first.attempts());
            assertEquals(T0, first.receivedAt());
            assertEquals("P-1", first.eventKey());
            assertNull(first.sentAt());

            store.recordFailure("c1", "e1", 1, "timed out");
            JournalEntry again = store.receive(event("e1", "P-1"));
            assertEquals(1, again.attempts());
            assertEquals("timed out", again.lastError());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void marksSentAndKeepsTheLatestOffsetPerConnectorAndTopic(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db))) {
            store.receive(event("e1", "P-1"));
            store.receive(event("e2", "P-2"));
            store.markSent("c1", "e2", "permits.changed", 1, T0.plusSeconds(20));
            store.markSent("c1", "e1", "permits.changed", 2, T0.plusSeconds(10));

            JournalEntry sent = store.find("c1", "e1").orElseThrow();
            assertEquals(JournalStatus.SENT, sent.status());
            assertEquals(2, sent.attempts());
            assertEquals(T0.plusSeconds(10), sent.sentAt());
            assertNull(sent.lastError());
            assertEquals(Optional.of(T0.plusSeconds(20)), store.lastSent("c1", "permits.changed"), "never moves back");
            assertEquals(Optional.empty(), store.lastSent("c2", "permits.changed"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void parksWithTheBodyAndReason(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db))) {
            store.receive(event("e1", null));
            store.park("c1", "e1", "malformed event: not JSON", 0, T0.plusSeconds(1));

            assertEquals(JournalStatus.PARKED, store.find("c1", "e1").orElseThrow().status());
            List<ParkedEvent> parked = store.parked("c1");
            assertEquals(1, parked.size());
            ParkedEvent event = parked.get(0);
            assertEquals("malformed event: not JSON", event.reason());
            assertEquals(0, event.attempts());
            assertEquals("permits.changed", event.routingKey());
            assertNull(event.eventKey());
            assertArrayEquals(body("e1"), event.body());
            assertEquals(T0.plusSeconds(1), event.parkedAt());
            assertEquals(List.of(), store.parked("c2"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void keepsConnectorsApartInOneDatabase(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db))) {
            store.receive(event("e1", "P-1"));
            store.markSent("c1", "e1", "permits.changed", 1, T0);
            JournalEntry other = store.receive(new ReceivedEvent("c2", "e1", "permits.changed", "P-1", body("e1"), T0));
            assertEquals(JournalStatus.RECEIVED, other.status(), "the same event is new to another connector");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void refusesToParkAnEventThatWasNeverReceived(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db))) {
            StoreException e = assertThrows(StoreException.class, () -> store.park("c1", "ghost", "why", 0, T0));
            assertTrue(e.getMessage().contains("not in the journal"), e.getMessage());
            assertTrue(store.find("c1", "ghost").isEmpty(), "rolled back");
        }
    }

    @Test
    void sqliteRunsInWalMode() throws Exception {
        Path file = tempDir.resolve("nested/dir/ess.db");
        try (EventStore store = EventStore.open(file.toString())) {
            assertEquals("sqlite:" + file, store.description());
        }
        assertTrue(Files.exists(file));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertEquals("wal", rows.getString(1));
        }
    }

    @Test
    void refusesASchemaNewerThanTheRuntime() throws Exception {
        Path file = tempDir.resolve("future.db");
        EventStore.open(file.toString()).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO schema_version VALUES (999, 'from the future', 0)");
        }
        StoreException e = assertThrows(StoreException.class, () -> EventStore.open(file.toString()));
        assertTrue(e.getMessage().contains("version 999, newer than this runtime knows"), e.getMessage());
    }

    @Test
    void hidesPostgresqlCredentialsInItsDescription() {
        assertEquals("postgresql://db:5432/ess",
                EventStore.redactedPostgresqlUrl("jdbc:postgresql://db:5432/ess?user=ess&password=secret"));
    }

    private String create(DatabaseUnderTest db) throws Exception {
        database = db;
        location = db.create(tempDir);
        return location;
    }

    private static ReceivedEvent event(String id, String key) {
        return new ReceivedEvent("c1", id, "permits.changed", key, body(id), T0);
    }

    private static byte[] body(String id) {
        return ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
