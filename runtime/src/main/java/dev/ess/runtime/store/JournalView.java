package dev.ess.runtime.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What operations read about one connector's journal: an event's entry, the backlog and its
 * age, the partner's last acknowledgement, the parked events. Read-only; on SQLite these
 * queries never wait for a writer.
 */
public final class JournalView {

    private final Database database;
    private final String connector;

    JournalView(Database database, String connector) {
        this.database = database;
        this.connector = connector;
    }

    /** The journal entry of an event, if the event was received. */
    public Optional<JournalEntry> find(String eventId) {
        return database.read("read event " + eventId, connection -> {
            String query = "SELECT routing_key, event_key, received_at, status, attempts, last_error, sent_at FROM journal"
                    + " WHERE connector = ? AND event_id = ?";
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, connector);
                statement.setString(2, eventId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    long sentAt = rows.getLong(7);
                    Instant sent = rows.wasNull() ? null : Instant.ofEpochMilli(sentAt);
                    return Optional.of(new JournalEntry(connector, eventId, rows.getString(1), rows.getString(2),
                            Instant.ofEpochMilli(rows.getLong(3)), JournalStatus.valueOf(rows.getString(4)),
                            rows.getInt(5), rows.getString(6), sent));
                }
            }
        });
    }

    /** How many journal entries are in this status. */
    public long count(JournalStatus status) {
        return database.read("count " + status + " events", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COUNT(*) FROM journal WHERE connector = ? AND status = ?")) {
                statement.setString(1, connector);
                statement.setString(2, status.name());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** When the oldest event not yet acknowledged nor parked was received. */
    public Optional<Instant> oldestWaiting() {
        return instant("read the oldest waiting event",
                "SELECT MIN(received_at) FROM journal WHERE connector = ? AND status = '" + JournalStatus.RECEIVED + "'");
    }

    /** When the partner last acknowledged any event. */
    public Optional<Instant> lastSent() {
        return instant("read the last offset", "SELECT MAX(last_ts) FROM sync_offsets WHERE connector = ?");
    }

    /** When the partner last acknowledged an event of this topic. */
    public Optional<Instant> lastSent(String topic) {
        return database.read("read the offset of " + topic, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT last_ts FROM sync_offsets WHERE connector = ? AND topic = ?")) {
                statement.setString(1, connector);
                statement.setString(2, topic);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(Instant.ofEpochMilli(rows.getLong(1))) : Optional.empty();
                }
            }
        });
    }

    /** The parked events, oldest first. */
    public List<ParkedEvent> parked() {
        return database.read("read parked events", connection -> {
            String query = "SELECT event_id, routing_key, event_key, body, reason, attempts, parked_at FROM parked"
                    + " WHERE connector = ? ORDER BY parked_at, event_id";
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, connector);
                List<ParkedEvent> events = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        events.add(new ParkedEvent(connector, rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getBytes(4), rows.getString(5), rows.getInt(6),
                                Instant.ofEpochMilli(rows.getLong(7))));
                    }
                }
                return events;
            }
        });
    }

    /** A query of one connector's single epoch-millisecond value, empty when it is null. */
    private Optional<Instant> instant(String action, String query) {
        return database.read(action, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, connector);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    long millis = rows.getLong(1);
                    return rows.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(millis));
                }
            }
        });
    }
}
