package dev.ess.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One connector's journal: the events it received, in arrival order, each with its status, and
 * what the delivery writes about them (sent, failed, parked, re-driven). Every write is
 * committed before the method returns.
 */
public final class Journal {

    private final Database database;
    private final String connector;

    Journal(Database database, String connector) {
        this.database = database;
        this.connector = connector;
    }

    /**
     * Records a batch of events in one transaction, each unless the journal holds it already.
     * New events take the next places in the arrival order, in list order, with no gaps.
     *
     * @return what the journal held before (an id twice in the batch is new once and not
     *     reported again), the new entries, as {@link #pending} would read them back, and the
     *     events whose id it holds with another body
     */
    public Journalled receiveAll(List<ReceivedEvent> events) {
        return database.write("record " + events.size() + " event(s)", connection -> {
            String insert = "INSERT INTO journal (connector, event_id, routing_key, event_key, body, received_at, status,"
                    + " attempts, seq) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (connector, event_id) DO NOTHING";
            Map<String, JournalStatus> earlier = new HashMap<>();
            List<PendingEvent> added = new ArrayList<>(events.size());
            List<ReceivedEvent> conflicting = new ArrayList<>();
            Map<String, byte[]> inserted = new HashMap<>();
            long seq = lastSeq(connection);
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (ReceivedEvent event : events) {
                    statement.setString(1, connector);
                    statement.setString(2, event.eventId());
                    statement.setString(3, event.routingKey());
                    setNullableString(statement, 4, event.eventKey());
                    statement.setBytes(5, event.body());
                    statement.setLong(6, event.receivedAt().toEpochMilli());
                    statement.setString(7, JournalStatus.RECEIVED.name());
                    statement.setLong(8, seq + 1);
                    if (statement.executeUpdate() == 1) {
                        seq++;
                        inserted.put(event.eventId(), event.body());
                        added.add(new PendingEvent(seq, event.eventId(), event.routingKey(), event.eventKey(),
                                event.body(), event.receivedAt(), 0));
                        continue;
                    }
                    byte[] body = inserted.get(event.eventId());
                    if (body == null) {
                        Earlier entry = earlier(connection, event.eventId());
                        body = entry.body();
                        earlier.put(event.eventId(), entry.status());
                    }
                    if (!Arrays.equals(body, event.body())) {
                        conflicting.add(event);
                    }
                }
            }
            return new Journalled(earlier, added, conflicting);
        });
    }

    /**
     * Journals an event as parked at once, with the reason, unless its id is in the journal
     * already; it does not join the pending events.
     *
     * @return whether it was new to the journal
     */
    public boolean parkOnArrival(ReceivedEvent event, String reason, Instant parkedAt) {
        return database.write("park event " + event.eventId() + " on arrival", connection -> {
            String insert = "INSERT INTO journal (connector, event_id, routing_key, event_key, body, received_at, status,"
                    + " attempts, last_error, seq) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (connector, event_id) DO NOTHING";
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                statement.setString(1, connector);
                statement.setString(2, event.eventId());
                statement.setString(3, event.routingKey());
                setNullableString(statement, 4, event.eventKey());
                statement.setBytes(5, event.body());
                statement.setLong(6, event.receivedAt().toEpochMilli());
                statement.setString(7, JournalStatus.PARKED.name());
                statement.setString(8, reason);
                statement.setLong(9, lastSeq(connection) + 1);
                if (statement.executeUpdate() == 0) {
                    return false;
                }
            }
            copyToParked(connection, event.eventId(), reason, 0, parkedAt);
            return true;
        });
    }

    /** The events not yet acknowledged by the partner nor parked, in arrival order, after place {@code afterSeq}. */
    public List<PendingEvent> pending(long afterSeq, int limit) {
        return database.read("read pending events", connection -> {
            String query = "SELECT seq, event_id, routing_key, event_key, body, received_at, attempts FROM journal"
                    + " WHERE connector = ? AND status = ? AND seq > ? ORDER BY seq LIMIT ?";
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, connector);
                statement.setString(2, JournalStatus.RECEIVED.name());
                statement.setLong(3, afterSeq);
                statement.setInt(4, limit);
                List<PendingEvent> events = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        events.add(new PendingEvent(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getBytes(5), Instant.ofEpochMilli(rows.getLong(6)), rows.getInt(7)));
                    }
                }
                return events;
            }
        });
    }

    /**
     * Marks a batch of events acknowledged by the partner, in one transaction, and moves each
     * topic's offset forward to its latest acknowledgement (never back). The commit does not
     * wait for the disk: what a power cut loses of it only makes those events go out once more,
     * with their ids.
     */
    public void markSentAll(List<SentEvent> sent) {
        database.writeRelaxed("mark " + sent.size() + " event(s) sent", connection -> {
            String update = "UPDATE journal SET status = ?, attempts = ?, sent_at = ?, last_error = NULL"
                    + " WHERE connector = ? AND event_id = ?";
            String offset = "INSERT INTO sync_offsets (connector, topic, last_ts) VALUES (?, ?, ?)"
                    + " ON CONFLICT (connector, topic) DO UPDATE SET last_ts ="
                    + " CASE WHEN excluded.last_ts > sync_offsets.last_ts THEN excluded.last_ts ELSE sync_offsets.last_ts END";
            Map<String, Long> latestByTopic = new TreeMap<>();
            try (PreparedStatement journal = connection.prepareStatement(update);
                    PreparedStatement offsets = connection.prepareStatement(offset)) {
                for (SentEvent event : sent) {
                    journal.setString(1, JournalStatus.SENT.name());
                    journal.setInt(2, event.attempts());
                    journal.setLong(3, event.sentAt().toEpochMilli());
                    journal.setString(4, connector);
                    journal.setString(5, event.eventId());
                    journal.addBatch();
                    latestByTopic.merge(event.topic(), event.sentAt().toEpochMilli(), Math::max);
                }
                journal.executeBatch();
                for (Map.Entry<String, Long> topic : latestByTopic.entrySet()) {
                    offsets.setString(1, connector);
                    offsets.setString(2, topic.getKey());
                    offsets.setLong(3, topic.getValue());
                    offsets.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Records a failed send that will be retried. */
    public void recordFailure(String eventId, int attempts, String error) {
        database.write("record a failure of event " + eventId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE journal SET attempts = ?, last_error = ? WHERE connector = ? AND event_id = ?")) {
                statement.setInt(1, attempts);
                statement.setString(2, error);
                statement.setString(3, connector);
                statement.setString(4, eventId);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** Gives up on a journalled event: it keeps its body in the parked table, with the reason. */
    public void park(String eventId, String reason, int attempts, Instant parkedAt) {
        database.write("park event " + eventId, connection -> {
            String update = "UPDATE journal SET status = ?, attempts = ?, last_error = ? WHERE connector = ? AND event_id = ?";
            try (PreparedStatement journal = connection.prepareStatement(update)) {
                journal.setString(1, JournalStatus.PARKED.name());
                journal.setInt(2, attempts);
                journal.setString(3, reason);
                journal.setString(4, connector);
                journal.setString(5, eventId);
                journal.executeUpdate();
            }
            copyToParked(connection, eventId, reason, attempts, parkedAt);
            return null;
        });
    }

    /** Copies a journalled event into the parked table, with the reason. */
    private void copyToParked(Connection connection, String eventId, String reason, int attempts, Instant parkedAt)
            throws SQLException {
        String copy = "INSERT INTO parked (connector, event_id, routing_key, event_key, body, reason, attempts, parked_at)"
                + " SELECT connector, event_id, routing_key, event_key, body, ?, ?, ? FROM journal"
                + " WHERE connector = ? AND event_id = ?"
                + " ON CONFLICT (connector, event_id) DO UPDATE SET"
                + " reason = excluded.reason, attempts = excluded.attempts, parked_at = excluded.parked_at";
        try (PreparedStatement parked = connection.prepareStatement(copy)) {
            parked.setString(1, reason);
            parked.setInt(2, attempts);
            parked.setLong(3, parkedAt.toEpochMilli());
            parked.setString(4, connector);
            parked.setString(5, eventId);
            if (parked.executeUpdate() != 1) {
                throw new SQLException("event " + eventId + " of " + connector + " is not in the journal");
            }
        }
    }

    /**
     * Sends a parked event again: it leaves the parked table and rejoins the pending events at
     * the end of the arrival order, with its attempts reset.
     *
     * @return whether the event was parked
     */
    public boolean redrive(String eventId) {
        return database.write("re-drive event " + eventId, connection -> redriveOne(connection, eventId));
    }

    /** Re-drives every parked event, keeping their arrival order; returns how many. */
    public int redriveAll() {
        return database.write("re-drive the parked events", connection -> {
            List<String> parked = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT event_id FROM journal WHERE connector = ? AND status = ? ORDER BY seq")) {
                statement.setString(1, connector);
                statement.setString(2, JournalStatus.PARKED.name());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        parked.add(rows.getString(1));
                    }
                }
            }
            int count = 0;
            for (String eventId : parked) {
                count += redriveOne(connection, eventId) ? 1 : 0;
            }
            return count;
        });
    }

    private boolean redriveOne(Connection connection, String eventId) throws SQLException {
        String update = "UPDATE journal SET status = ?, attempts = 0, last_error = NULL, seq = ?"
                + " WHERE connector = ? AND event_id = ? AND status = ?";
        try (PreparedStatement journal = connection.prepareStatement(update);
                PreparedStatement parked = connection.prepareStatement(
                        "DELETE FROM parked WHERE connector = ? AND event_id = ?")) {
            journal.setString(1, JournalStatus.RECEIVED.name());
            journal.setLong(2, lastSeq(connection) + 1);
            journal.setString(3, connector);
            journal.setString(4, eventId);
            journal.setString(5, JournalStatus.PARKED.name());
            if (journal.executeUpdate() == 0) {
                return false;
            }
            parked.setString(1, connector);
            parked.setString(2, eventId);
            parked.executeUpdate();
            return true;
        }
    }

    /**
     * The last place taken in the arrival order, read inside the writing transaction under the
     * dialect's order lock, so that another process writing the same store (a re-drive) cannot
     * hand out the same place.
     */
    private long lastSeq(Connection connection) throws SQLException {
        database.dialect().lockOrder(connection, connector);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM journal WHERE connector = ?")) {
            statement.setString(1, connector);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private record Earlier(JournalStatus status, byte[] body) {}

    private Earlier earlier(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT status, body FROM journal WHERE connector = ? AND event_id = ?")) {
            statement.setString(1, connector);
            statement.setString(2, eventId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("event " + eventId + " conflicts but is not found");
                }
                return new Earlier(JournalStatus.valueOf(rows.getString(1)), rows.getBytes(2));
            }
        }
    }

    private static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
