package dev.ess.runtime.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
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
        try (EventStore store = EventStore.open(where, "c1")) {
            assertEquals(Migrations.latestVersion(), store.schemaVersion());
            receive(store, event("e1", "P-1"));
        }
        try (EventStore reopened = EventStore.open(where, "c1")) {
            assertEquals(Migrations.latestVersion(), reopened.schemaVersion());
            assertTrue(reopened.view().find("e1").isPresent(), "data survives reopening");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void receivesAnEventOnceAndReturnsTheEarlierEntryOnRedelivery(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            JournalEntry first = receive(store, event("e1", "P-1"));
            assertEquals(JournalStatus.RECEIVED, first.status());
            assertEquals(0, first.attempts());
            assertEquals(T0, first.receivedAt());
            assertEquals("P-1", first.eventKey());
            assertNull(first.sentAt());

            store.journal().recordFailure("e1", 1, "timed out");
            JournalEntry again = receive(store, event("e1", "P-1"));
            assertEquals(1, again.attempts());
            assertEquals("timed out", again.lastError());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void marksSentAndKeepsTheLatestOffsetPerConnectorAndTopic(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            receive(store, event("e1", "P-1"));
            receive(store, event("e2", "P-2"));
            markSent(store, "e2", "permits.changed", 1, T0.plusSeconds(20));
            markSent(store, "e1", "permits.changed", 2, T0.plusSeconds(10));

            JournalEntry sent = store.view().find("e1").orElseThrow();
            assertEquals(JournalStatus.SENT, sent.status());
            assertEquals(2, sent.attempts());
            assertEquals(T0.plusSeconds(10), sent.sentAt());
            assertNull(sent.lastError());
            assertEquals(Optional.of(T0.plusSeconds(20)), store.view().lastSent("permits.changed"), "never moves back");
            try (EventStore other = EventStore.open(location, "c2")) {
                assertEquals(Optional.empty(), other.view().lastSent("permits.changed"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void parksWithTheBodyAndReason(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            receive(store, event("e1", null));
            store.journal().park("e1", "malformed event: not JSON", 0, T0.plusSeconds(1));

            assertEquals(JournalStatus.PARKED, store.view().find("e1").orElseThrow().status());
            List<ParkedEvent> parked = store.view().parked();
            assertEquals(1, parked.size());
            ParkedEvent event = parked.get(0);
            assertEquals("malformed event: not JSON", event.reason());
            assertEquals(0, event.attempts());
            assertEquals("permits.changed", event.routingKey());
            assertNull(event.eventKey());
            assertArrayEquals(body("e1"), event.body());
            assertEquals(T0.plusSeconds(1), event.parkedAt());
            try (EventStore other = EventStore.open(location, "c2")) {
                assertEquals(List.of(), other.view().parked());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void keepsConnectorsApartInOneDatabase(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            receive(store, event("e1", "P-1"));
            markSent(store, "e1", "permits.changed", 1, T0);
            try (EventStore other = EventStore.open(location, "c2")) {
                assertEquals(JournalStatus.RECEIVED, receive(other, event("e1", "P-1")).status(),
                        "the same event is new to another connector");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void refusesToParkAnEventThatWasNeverReceived(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            StoreException e = assertThrows(StoreException.class, () -> store.journal().park("ghost", "why", 0, T0));
            assertTrue(e.getMessage().contains("not in the journal"), e.getMessage());
            assertTrue(store.view().find("ghost").isEmpty(), "rolled back");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void journalsABatchInArrivalOrderAndReportsWhatItHeldAlready(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            receive(store, event("e0", "P-0"));
            markSent(store, "e0", "permits.changed", 1, T0);
            Journalled batch = store.journal().receiveAll(List.of(event("e2", "P-2"), event("e0", "P-0"),
                    event("e1", "P-1"), event("e2", "P-2")));
            assertEquals(Map.of("e0", JournalStatus.SENT), batch.earlier(), "e2 twice in the batch is new once");
            Journalled again = store.journal().receiveAll(List.of(event("e1", "P-1")));
            assertEquals(Map.of("e1", JournalStatus.RECEIVED), again.earlier());
            assertEquals(List.of(), again.added());

            List<PendingEvent> pending = store.journal().pending(0, 10);
            assertEquals(List.of("e2", "e1"), pending.stream().map(PendingEvent::eventId).toList(), "arrival order");
            assertEquals(pending.get(0).seq() + 1, pending.get(1).seq(), "no gap where e0 and e2 were known");
            assertEquals(pending.stream().map(PendingEvent::seq).toList(),
                    batch.added().stream().map(PendingEvent::seq).toList(), "the new entries, as read back");
            assertEquals(List.of("e2", "e1"), batch.added().stream().map(PendingEvent::eventId).toList());
            assertArrayEquals(body("e2"), pending.get(0).body());
            assertEquals("P-2", pending.get(0).eventKey());
            assertEquals(List.of("e1"), store.journal().pending(pending.get(0).seq(), 10).stream()
                    .map(PendingEvent::eventId).toList(), "read on after a place");
            assertEquals(1, store.journal().pending(0, 1).size(), "limited");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void marksABatchSentAndKeepsEachTopicsLatestOffset(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            store.journal().receiveAll(List.of(event("e1", "P-1"), event("e2", "P-2"),
                    new ReceivedEvent("e3", "permits.closed", "P-3", body("e3"), T0)));
            store.journal().markSentAll(List.of(new SentEvent("e1", "permits.changed", 1, T0.plusSeconds(5)),
                    new SentEvent("e3", "permits.closed", 2, T0.plusSeconds(3)),
                    new SentEvent("e2", "permits.changed", 1, T0.plusSeconds(4))));

            assertEquals(List.of(), store.journal().pending(0, 10));
            assertEquals(3, store.view().count(JournalStatus.SENT));
            assertEquals(2, store.view().find("e3").orElseThrow().attempts());
            assertEquals(Optional.of(T0.plusSeconds(5)), store.view().lastSent("permits.changed"));
            assertEquals(Optional.of(T0.plusSeconds(3)), store.view().lastSent("permits.closed"));
            assertEquals(Optional.of(T0.plusSeconds(5)), store.view().lastSent());
        }
    }

    /** The journal tells an id it holds with another body apart from a redelivery, and parks such a one once. */
    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void anIdWithAnotherBodyIsReportedAndParkedOnArrivalOnce(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            ReceivedEvent first = event("e1", "P-1");
            ReceivedEvent other = new ReceivedEvent("e1", "permits.changed", "P-1", body("another"), T0);
            Journalled journalled = store.journal().receiveAll(List.of(first, other, first));
            assertEquals(List.of(other), journalled.conflicting(), "in one batch");
            journalled = store.journal().receiveAll(List.of(first, other));
            assertEquals(List.of(other), journalled.conflicting(), "in a later batch");
            assertEquals(Map.of("e1", JournalStatus.RECEIVED), journalled.earlier());

            ReceivedEvent apart = new ReceivedEvent("e1~apart", "permits.changed", "P-1", body("another"), T0);
            assertTrue(store.journal().parkOnArrival(apart, "came before with another body", T0));
            assertFalse(store.journal().parkOnArrival(apart, "came before with another body", T0), "once");
            assertEquals(JournalStatus.PARKED, store.view().find("e1~apart").orElseThrow().status());
            assertEquals(List.of("e1~apart"), store.view().parked().stream().map(ParkedEvent::eventId).toList());
            assertEquals(List.of("e1"), store.journal().pending(0, 10).stream().map(PendingEvent::eventId).toList());
        }
    }

    /** An operator's command needs the store a connector made: it never makes an empty one. */
    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void anOperatorsCommandFindsNoStoreWhereThereIsNone(DatabaseUnderTest db) throws Exception {
        String empty = create(db);
        String missing = db == DatabaseUnderTest.SQLITE ? tempDir.resolve("nowhere/ess.db").toString() : empty;

        StoreException refused = assertThrows(StoreException.class, () -> EventStore.openExisting(missing, "c1"));
        assertTrue(refused.getMessage().matches("there is no store at (sqlite|postgresql):.*: a connector creates"
                + " it when it first starts; is ESS_DB right\\?"), refused.getMessage());
        assertThrows(StoreException.class, () -> EventStore.openExisting(missing, "c1"), "the first try made nothing");
        if (db == DatabaseUnderTest.SQLITE) {
            assertFalse(Files.exists(tempDir.resolve("nowhere")), "no folder and no file made");
        }
        try (EventStore made = EventStore.open(empty, "c1")) {
            receive(made, event("e1", "P-1"));
        }
        try (EventStore existing = EventStore.openExisting(empty, "c1")) {
            assertTrue(existing.view().find("e1").isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void oneInstancePerConnectorClaimsTheStoreUntilItCloses(DatabaseUnderTest db) throws Exception {
        String where = create(db);
        try (EventStore first = EventStore.open(where, "c1"); EventStore second = EventStore.open(where, "c1");
                EventStore otherConnector = EventStore.open(where, "c2")) {
            first.claim();
            otherConnector.claim();
            StoreException refused = assertThrows(StoreException.class, second::claim);
            assertTrue(refused.getMessage().matches("connector c1 is already running against the store (sqlite|postgresql):.*;"
                    + " run one instance per connector and store"), refused.getMessage());
            first.close();
            second.claim();
        }
    }

    /** The intake and a re-drive from another process, at once: each takes places of its own. */
    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void twoWritersNeverTakeTheSamePlace(DatabaseUnderTest db) throws Exception {
        String where = create(db);
        int rounds = 150;
        try (EventStore intake = EventStore.open(where, "c1"); EventStore commandLine = EventStore.open(where, "c1")) {
            for (int i = 0; i < rounds; i++) {
                receive(intake, event("parked-" + i, "P-" + i));
                intake.journal().park("parked-" + i, "SOAP Client fault: no", 1, T0);
            }
            Thread redrives = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    commandLine.journal().redrive("parked-" + i);
                }
            });
            redrives.start();
            for (int i = 0; i < rounds; i++) {
                intake.journal().receiveAll(List.of(event("new-" + i, "N-" + i)));
            }
            redrives.join();
            List<PendingEvent> pending = intake.journal().pending(0, 10 * rounds);
            assertEquals(2 * rounds, pending.size());
            assertEquals(2 * rounds, pending.stream().map(PendingEvent::seq).distinct().count(), "places taken twice");
        }
    }

    /** What a re-drive from the command line does while the connector runs. */
    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void anotherConnectionWritesWhileTheFirstIsOpen(DatabaseUnderTest db) throws Exception {
        String where = create(db);
        try (EventStore running = EventStore.open(where, "c1")) {
            receive(running, event("e1", "P-1"));
            running.journal().park("e1", "SOAP Client fault: no", 1, T0);
            receive(running, event("e2", "P-2"));
            try (EventStore commandLine = EventStore.open(where, "c1")) {
                assertTrue(commandLine.journal().redrive("e1"));
            }
            assertEquals(List.of("e2", "e1"), running.journal().pending(0, 10).stream().map(PendingEvent::eventId).toList());
            receive(running, event("e3", "P-3"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void knowsWhenTheOldestWaitingEventWasReceived(DatabaseUnderTest db) throws Exception {
        String where = create(db);
        try (EventStore store = EventStore.open(where, "c1"); EventStore other = EventStore.open(where, "c2")) {
            assertEquals(Optional.empty(), store.view().oldestWaiting());
            other.journal().receiveAll(List.of(new ReceivedEvent("e0", "permits.changed", "P-0", body("e0"),
                    T0.minusSeconds(60))));
            store.journal().receiveAll(List.of(new ReceivedEvent("e1", "permits.changed", "P-1", body("e1"), T0),
                    new ReceivedEvent("e2", "permits.changed", "P-2", body("e2"), T0.plusSeconds(5))));
            assertEquals(Optional.of(T0), store.view().oldestWaiting());
            markSent(store, "e1", "permits.changed", 1, T0.plusSeconds(6));
            assertEquals(Optional.of(T0.plusSeconds(5)), store.view().oldestWaiting());
            store.journal().park("e2", "SOAP Client fault: no", 1, T0.plusSeconds(7));
            assertEquals(Optional.empty(), store.view().oldestWaiting(), "parked events do not wait");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseUnderTest.class)
    void reDrivesParkedEventsToTheEndOfTheArrivalOrder(DatabaseUnderTest db) throws Exception {
        try (EventStore store = EventStore.open(create(db), "c1")) {
            store.journal().receiveAll(List.of(event("e1", "P-1"), event("e2", "P-1"), event("e3", "P-1")));
            store.journal().park("e1", "SOAP Client fault: no", 1, T0);
            store.journal().park("e2", "gave up after 4 attempts: timed out", 4, T0);

            assertTrue(store.journal().redrive("e2"));
            assertTrue(!store.journal().redrive("e2"), "not parked any more");
            assertTrue(!store.journal().redrive("e3"), "never parked");
            assertEquals(List.of("e3", "e2"), store.journal().pending(0, 10).stream().map(PendingEvent::eventId).toList());
            JournalEntry redriven = store.view().find("e2").orElseThrow();
            assertEquals(JournalStatus.RECEIVED, redriven.status());
            assertEquals(0, redriven.attempts());
            assertEquals(List.of("e1"), store.view().parked().stream().map(ParkedEvent::eventId).toList());

            assertEquals(1, store.journal().redriveAll());
            assertEquals(List.of("e3", "e2", "e1"), store.journal().pending(0, 10).stream().map(PendingEvent::eventId).toList());
            assertEquals(List.of(), store.view().parked());
        }
    }

    @Test
    void numbersEventsJournalledBeforeTheArrivalOrderExisted() throws Exception {
        Path file = tempDir.resolve("v1.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            for (String sql : Migrations.ALL.get(0).statements()) {
                statement.executeUpdate(SqliteDialect.parse(file.toString()).render(sql));
            }
            statement.executeUpdate("INSERT INTO schema_version VALUES (1, 'v1', 0)");
            statement.executeUpdate("INSERT INTO journal (connector, event_id, routing_key, body, received_at, status)"
                    + " VALUES ('c1', 'late', 't', x'7b7d', 2000, 'RECEIVED'), ('c1', 'early', 't', x'7b7d', 1000, 'RECEIVED')");
        }
        try (EventStore store = EventStore.open(file.toString(), "c1")) {
            assertEquals(Migrations.latestVersion(), store.schemaVersion());
            receive(store, event("new", "P-1"));
            assertEquals(List.of("early", "late", "new"), store.journal().pending(0, 10).stream()
                    .map(PendingEvent::eventId).toList());
        }
    }

    @Test
    void sqliteRunsInWalMode() throws Exception {
        Path file = tempDir.resolve("nested/dir/ess.db");
        try (EventStore store = EventStore.open(file.toString(), "c1")) {
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
    void takesTheSynchronousOptionAndRefusesOthers() throws Exception {
        Path file = tempDir.resolve("fast.db");
        try (EventStore store = EventStore.open(file + "?synchronous=normal", "c1")) {
            assertEquals("sqlite:" + file + "?synchronous=normal", store.description());
            receive(store, event("e1", "P-1"));
            markSent(store, "e1", "permits.changed", 1, T0);
            assertEquals(JournalStatus.SENT, store.view().find("e1").orElseThrow().status());
        }
        assertTrue(Files.exists(file), "the option is not part of the file name");
        StoreException e = assertThrows(StoreException.class, () -> EventStore.open(file + "?sync=off", "c1"));
        assertEquals("unknown store option 'sync=off': a SQLite store takes only synchronous=full (the default)"
                + " or synchronous=normal", e.getMessage());
    }

    @Test
    void refusesASchemaNewerThanTheRuntime() throws Exception {
        Path file = tempDir.resolve("future.db");
        EventStore.open(file.toString(), "c1").close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO schema_version VALUES (999, 'from the future', 0)");
        }
        StoreException e = assertThrows(StoreException.class, () -> EventStore.open(file.toString(), "c1"));
        assertTrue(e.getMessage().contains("version 999, newer than this runtime knows"), e.getMessage());
    }

    @Test
    void hidesPostgresqlCredentialsInItsDescription() {
        assertEquals("postgresql://db:5432/ess",
                PostgresqlDialect.redacted("jdbc:postgresql://db:5432/ess?user=ess&password=secret"));
    }

    private String create(DatabaseUnderTest db) throws Exception {
        database = db;
        location = db.create(tempDir);
        return location;
    }

    private static JournalEntry receive(EventStore store, ReceivedEvent event) {
        store.journal().receiveAll(List.of(event));
        return store.view().find(event.eventId()).orElseThrow();
    }

    private static void markSent(EventStore store, String eventId, String topic, int attempts, Instant sentAt) {
        store.journal().markSentAll(List.of(new SentEvent(eventId, topic, attempts, sentAt)));
    }

    private static ReceivedEvent event(String id, String key) {
        return new ReceivedEvent(id, "permits.changed", key, body(id), T0);
    }

    private static byte[] body(String id) {
        return ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
