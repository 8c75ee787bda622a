package dev.ess.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;

/**
 * The runtime's durable state over plain JDBC: the journal of received events, the offsets of
 * what the partner acknowledged, and parked events.
 *
 * <p>{@link #open(String)} takes the {@code ESS_DB} setting: a file path (SQLite, in WAL mode
 * with synchronous=FULL: a journalled event survives a power cut; {@code path?synchronous=normal}
 * trades that for speed, keeping what survives a crash of the process) or a
 * {@code jdbc:postgresql:} URL. The schema is created and migrated on open. One JDBC
 * connection serves all callers, one statement group at a time; every write is committed
 * before the method returns.
 */
public final class EventStore implements AutoCloseable {

    /** The {@code ESS_DB} value used when none is given. */
    public static final String DEFAULT_LOCATION = "./ess.db";

    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    private static final String SYNC_OPTION = "synchronous";

    private final Connection connection;
    private final Dialect dialect;
    private final String description;
    private final boolean fullSync;
    /** The SQLite database file; {@code null} on PostgreSQL and for an in-memory database. */
    private final Path file;
    /**
     * The open lock files, one per database for the whole process: on Linux, closing any channel
     * on a file drops every lock the process holds on it, so stores share it and never close it.
     */
    private static final Map<Path, FileChannel> LOCK_FILES = new ConcurrentHashMap<>();
    /** This store's SQLite claims, released by {@link #close()}. */
    private final List<FileLock> claims = new ArrayList<>();

    private EventStore(Connection connection, Dialect dialect, String description, boolean fullSync, Path file) {
        this.connection = connection;
        this.dialect = dialect;
        this.description = description;
        this.fullSync = fullSync;
        this.file = file;
    }

    /**
     * Opens the store and brings its schema up to date.
     *
     * @param location a SQLite file path, a {@code jdbc:sqlite:} URL or a {@code jdbc:postgresql:} URL
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static EventStore open(String location) {
        String where = location == null || location.isBlank() ? DEFAULT_LOCATION : location.trim();
        EventStore store = where.startsWith(POSTGRESQL_PREFIX) ? openPostgresql(where) : openSqlite(where);
        try {
            store.migrate();
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw new StoreException("cannot migrate the store at " + store.description + ": " + e.getMessage(), e);
        }
        return store;
    }

    /** Where the store lives, without credentials, e.g. {@code sqlite:./ess.db}. */
    public String description() {
        return description;
    }

    /** The schema version the store is at. */
    public synchronized int schemaVersion() {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            int version = rows.getInt(1);
            commit();
            return version;
        } catch (SQLException e) {
            throw failure("read the schema version", e);
        }
    }

    /**
     * Records an event in the journal unless it is there already, and returns its entry: a new
     * one, or the earlier one when the bus delivers the same event again.
     */
    public synchronized JournalEntry receive(ReceivedEvent event) {
        receiveAll(List.of(event));
        return find(event.connector(), event.eventId())
                .orElseThrow(() -> new StoreException("journal row of " + event.eventId() + " vanished after insert"));
    }

    /**
     * Records a batch of events in one transaction, each unless the journal holds it already.
     * New events take the next places in their connector's arrival order, in list order, with
     * no gaps between them.
     *
     * @return what the journal held before (an id twice in the batch is new once and not
     *     reported again) and the new entries, as the dispatcher would read them back
     */
    public synchronized Journalled receiveAll(List<ReceivedEvent> events) {
        String insert = "INSERT INTO journal (connector, event_id, routing_key, event_key, body, received_at, status,"
                + " attempts, seq) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (connector, event_id) DO NOTHING";
        Map<String, JournalStatus> earlier = new HashMap<>();
        List<PendingEvent> added = new ArrayList<>(events.size());
        Map<String, Long> lastSeqs = new HashMap<>();
        Set<String> inserted = new HashSet<>();
        try {
            begin();
        } catch (SQLException e) {
            throw rollback("record " + events.size() + " event(s)", e);
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (ReceivedEvent event : events) {
                Long last = lastSeqs.get(event.connector());
                long seq = (last != null ? last : lastSeq(event.connector())) + 1;
                statement.setString(1, event.connector());
                statement.setString(2, event.eventId());
                statement.setString(3, event.routingKey());
                setNullableString(statement, 4, event.eventKey());
                statement.setBytes(5, event.body());
                statement.setLong(6, event.receivedAt().toEpochMilli());
                statement.setString(7, JournalStatus.RECEIVED.name());
                statement.setLong(8, seq);
                if (statement.executeUpdate() == 1) {
                    lastSeqs.put(event.connector(), seq);
                    inserted.add(event.connector() + '\n' + event.eventId());
                    added.add(new PendingEvent(seq, event.eventId(), event.routingKey(), event.eventKey(), event.body(),
                            event.receivedAt(), 0));
                } else if (!inserted.contains(event.connector() + '\n' + event.eventId())) {
                    JournalEntry entry = findEntry(event.connector(), event.eventId())
                            .orElseThrow(() -> new SQLException("event " + event.eventId() + " conflicts but is not found"));
                    earlier.put(event.eventId(), entry.status());
                }
            }
            commit();
            return new Journalled(earlier, added);
        } catch (SQLException e) {
            throw rollback("record " + events.size() + " event(s)", e);
        }
    }

    /**
     * The connector's events not yet acknowledged by the partner nor parked, in arrival order,
     * starting after {@code afterSeq}.
     */
    public synchronized List<PendingEvent> pending(String connector, long afterSeq, int limit) {
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
                    events.add(new PendingEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getBytes(5), Instant.ofEpochMilli(rows.getLong(6)), rows.getInt(7)));
                }
            }
            commit();
            return events;
        } catch (SQLException e) {
            throw rollback("read pending events", e);
        }
    }

    /** Marks an event acknowledged by the partner and moves the topic's offset forward. */
    public void markSent(String connector, String eventId, String topic, int attempts, Instant sentAt) {
        markSentAll(connector, List.of(new SentEvent(eventId, topic, attempts, sentAt)));
    }

    /**
     * Marks a batch of events acknowledged by the partner, in one transaction, and moves each
     * topic's offset forward to the latest acknowledgement (never back). On SQLite this commit
     * does not wait for the disk (synchronous=NORMAL): it survives a crash of the process, and
     * what a power cut loses of it only makes those events go out once more, with their ids.
     */
    public synchronized void markSentAll(String connector, List<SentEvent> sent) {
        String update = "UPDATE journal SET status = ?, attempts = ?, sent_at = ?, last_error = NULL"
                + " WHERE connector = ? AND event_id = ?";
        String offset = "INSERT INTO sync_offsets (connector, topic, last_ts) VALUES (?, ?, ?)"
                + " ON CONFLICT (connector, topic) DO UPDATE SET last_ts ="
                + " CASE WHEN excluded.last_ts > sync_offsets.last_ts THEN excluded.last_ts ELSE sync_offsets.last_ts END";
        Map<String, Long> latestByTopic = new TreeMap<>();
        try {
            setFullSync(false);
            try (PreparedStatement journal = prepareInTransaction(update);
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
                commit();
            } catch (SQLException e) {
                throw rollback("mark " + sent.size() + " event(s) sent", e);
            } finally {
                setFullSync(true);
            }
        } catch (SQLException e) {
            throw failure("set the durability of the sent-log", e);
        }
    }

    /**
     * Sends a parked event again: it leaves the parked table and rejoins the journal's pending
     * events at the end of the arrival order, with its attempts reset.
     *
     * @return whether the event was parked
     */
    public synchronized boolean redrive(String connector, String eventId) {
        try {
            begin();
            boolean redriven = redriveOne(connector, eventId);
            commit();
            return redriven;
        } catch (SQLException e) {
            throw rollback("re-drive event " + eventId, e);
        }
    }

    /** Re-drives every parked event of the connector, keeping their arrival order; returns how many. */
    public synchronized int redriveAll(String connector) {
        String query = "SELECT event_id FROM journal WHERE connector = ? AND status = ? ORDER BY seq";
        try (PreparedStatement statement = prepareInTransaction(query)) {
            statement.setString(1, connector);
            statement.setString(2, JournalStatus.PARKED.name());
            List<String> parked = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parked.add(rows.getString(1));
                }
            }
            int count = 0;
            for (String eventId : parked) {
                count += redriveOne(connector, eventId) ? 1 : 0;
            }
            commit();
            return count;
        } catch (SQLException e) {
            throw rollback("re-drive the parked events", e);
        }
    }

    /** Records a failed send that will be retried. */
    public synchronized void recordFailure(String connector, String eventId, int attempts, String error) {
        String update = "UPDATE journal SET attempts = ?, last_error = ? WHERE connector = ? AND event_id = ?";
        try (PreparedStatement statement = prepareInTransaction(update)) {
            statement.setInt(1, attempts);
            statement.setString(2, error);
            statement.setString(3, connector);
            statement.setString(4, eventId);
            statement.executeUpdate();
            commit();
        } catch (SQLException e) {
            throw rollback("record a failure of event " + eventId, e);
        }
    }

    /** Gives up on a journalled event: it keeps its body in the parked table, with the reason. */
    public synchronized void park(String connector, String eventId, String reason, int attempts, Instant parkedAt) {
        String update = "UPDATE journal SET status = ?, attempts = ?, last_error = ? WHERE connector = ? AND event_id = ?";
        String copy = "INSERT INTO parked (connector, event_id, routing_key, event_key, body, reason, attempts, parked_at)"
                + " SELECT connector, event_id, routing_key, event_key, body, ?, ?, ? FROM journal"
                + " WHERE connector = ? AND event_id = ?"
                + " ON CONFLICT (connector, event_id) DO UPDATE SET"
                + " reason = excluded.reason, attempts = excluded.attempts, parked_at = excluded.parked_at";
        try (PreparedStatement journal = prepareInTransaction(update);
                PreparedStatement parked = connection.prepareStatement(copy)) {
            journal.setString(1, JournalStatus.PARKED.name());
            journal.setInt(2, attempts);
            journal.setString(3, reason);
            journal.setString(4, connector);
            journal.setString(5, eventId);
            journal.executeUpdate();
            parked.setString(1, reason);
            parked.setInt(2, attempts);
            parked.setLong(3, parkedAt.toEpochMilli());
            parked.setString(4, connector);
            parked.setString(5, eventId);
            if (parked.executeUpdate() != 1) {
                throw new SQLException("event " + eventId + " of " + connector + " is not in the journal");
            }
            commit();
        } catch (SQLException e) {
            throw rollback("park event " + eventId, e);
        }
    }

    /** The journal entry of an event, if the event was received. */
    public synchronized Optional<JournalEntry> find(String connector, String eventId) {
        try {
            Optional<JournalEntry> entry = findEntry(connector, eventId);
            commit();
            return entry;
        } catch (SQLException e) {
            throw rollback("read event " + eventId, e);
        }
    }

    /** When the partner last acknowledged an event of this topic for this connector. */
    public synchronized Optional<Instant> lastSent(String connector, String topic) {
        String query = "SELECT last_ts FROM sync_offsets WHERE connector = ? AND topic = ?";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, connector);
            statement.setString(2, topic);
            Optional<Instant> lastTs;
            try (ResultSet rows = statement.executeQuery()) {
                lastTs = rows.next() ? Optional.of(Instant.ofEpochMilli(rows.getLong(1))) : Optional.empty();
            }
            commit();
            return lastTs;
        } catch (SQLException e) {
            throw rollback("read the offset of " + topic, e);
        }
    }

    /** When the partner last acknowledged any event of this connector. */
    public synchronized Optional<Instant> lastSent(String connector) {
        String query = "SELECT MAX(last_ts) FROM sync_offsets WHERE connector = ?";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, connector);
            Optional<Instant> lastTs;
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long millis = rows.getLong(1);
                lastTs = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
            }
            commit();
            return lastTs;
        } catch (SQLException e) {
            throw rollback("read the last offset", e);
        }
    }

    /** How many of the connector's journal entries are in this status. */
    public synchronized long count(String connector, JournalStatus status) {
        String query = "SELECT COUNT(*) FROM journal WHERE connector = ? AND status = ?";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, connector);
            statement.setString(2, status.name());
            long count;
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                count = rows.getLong(1);
            }
            commit();
            return count;
        } catch (SQLException e) {
            throw rollback("count " + status + " events", e);
        }
    }

    /** When the oldest of the connector's events not yet acknowledged nor parked was received. */
    public synchronized Optional<Instant> oldestWaiting(String connector) {
        String query = "SELECT MIN(received_at) FROM journal WHERE connector = ? AND status = ?";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, connector);
            statement.setString(2, JournalStatus.RECEIVED.name());
            Optional<Instant> oldest;
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long millis = rows.getLong(1);
                oldest = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
            }
            commit();
            return oldest;
        } catch (SQLException e) {
            throw rollback("read the oldest waiting event", e);
        }
    }

    /** The connector's parked events, oldest first. */
    public synchronized List<ParkedEvent> parked(String connector) {
        String query = "SELECT event_id, routing_key, event_key, body, reason, attempts, parked_at FROM parked"
                + " WHERE connector = ? ORDER BY parked_at, event_id";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, connector);
            List<ParkedEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new ParkedEvent(connector, rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getBytes(4), rows.getString(5), rows.getInt(6), Instant.ofEpochMilli(rows.getLong(7))));
                }
            }
            commit();
            return events;
        } catch (SQLException e) {
            throw rollback("read parked events", e);
        }
    }

    /**
     * Claims the connector for this store object until {@link #close()}, or until the process
     * dies: one running instance per connector and store, as two would both send the pending
     * events. On PostgreSQL a session-level advisory lock; on SQLite a lock on one byte of the
     * file {@code <database>.lock} beside the database.
     *
     * @throws StoreException when another instance holds the claim
     */
    public synchronized void claim(String connector) {
        boolean claimed;
        try {
            claimed = dialect == Dialect.POSTGRESQL ? claimPostgresql(connector)
                    : file == null || claimSqlite(connector); // an in-memory database is this process's alone
        } catch (SQLException e) {
            throw rollback("claim connector " + connector, e);
        } catch (IOException e) {
            throw new StoreException("store " + description + ": cannot claim connector " + connector + ": " + e, e);
        }
        if (!claimed) {
            throw new StoreException("connector " + connector + " is already running against the store " + description
                    + "; run one instance per connector and store");
        }
    }

    private boolean claimPostgresql(String connector) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(hashtext('ess'), hashtext(?))")) {
            statement.setString(1, connector);
            boolean claimed;
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                claimed = rows.getBoolean(1);
            }
            commit();
            return claimed;
        }
    }

    private boolean claimSqlite(String connector) throws IOException {
        FileChannel lockFile;
        try {
            lockFile = LOCK_FILES.computeIfAbsent(file.resolveSibling(file.getFileName() + ".lock"), path -> {
                try {
                    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            FileLock claim = lockFile.tryLock(Integer.toUnsignedLong(connector.hashCode()), 1, false);
            if (claim != null) {
                claims.add(claim);
            }
            return claim != null;
        } catch (OverlappingFileLockException e) {
            return false; // claimed by another store object of this process
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
            for (FileLock claim : claims) {
                claim.release();
            }
            claims.clear();
        } catch (SQLException e) {
            throw failure("close", e);
        } catch (IOException e) {
            throw new StoreException("store " + description + ": cannot release its claims: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "EventStore[" + description + "]";
    }

    private static EventStore openSqlite(String location) {
        String path = location.startsWith(SQLITE_PREFIX) ? location.substring(SQLITE_PREFIX.length()) : location;
        boolean fullSync = true;
        int query = path.indexOf('?');
        if (query >= 0) {
            fullSync = parseFullSync(path.substring(query + 1));
            path = path.substring(0, query);
        }
        String description = "sqlite:" + path + (fullSync ? "" : "?" + SYNC_OPTION + "=normal");
        try {
            Path parent = Path.of(path).toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a committed event survives a power cut, which the broker ack relies on.
            config.setSynchronous(fullSync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            // In auto-commit mode between transactions: see begin().
            Connection connection = config.createConnection(SQLITE_PREFIX + path);
            Path file = path.equals(":memory:") ? null : Path.of(path).toAbsolutePath();
            return new EventStore(connection, Dialect.SQLITE, description, fullSync, file);
        } catch (Exception e) {
            throw new StoreException("cannot open the store " + description + ": " + e.getMessage(), e);
        }
    }

    private static EventStore openPostgresql(String url) {
        String description = redactedPostgresqlUrl(url);
        try {
            Connection connection = DriverManager.getConnection(url);
            connection.setAutoCommit(false);
            return new EventStore(connection, Dialect.POSTGRESQL, description, true, null);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + description + ": " + e.getMessage(), e);
        }
    }

    /** Reads a SQLite location's options: only {@code synchronous=full} (the default) or {@code normal}. */
    private static boolean parseFullSync(String options) {
        String option = options.trim().toLowerCase(java.util.Locale.ROOT);
        if (option.equals(SYNC_OPTION + "=full")) {
            return true;
        }
        if (option.equals(SYNC_OPTION + "=normal")) {
            return false;
        }
        throw new StoreException("unknown store option '" + options + "': a SQLite store takes only "
                + SYNC_OPTION + "=full (the default) or " + SYNC_OPTION + "=normal");
    }

    /** The URL without its parameters, which may hold a password. */
    static String redactedPostgresqlUrl(String url) {
        int query = url.indexOf('?');
        return "postgresql:" + (query < 0 ? url : url.substring(0, query)).substring(POSTGRESQL_PREFIX.length());
    }

    private void migrate() throws SQLException {
        begin();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            commit();
            begin();
            if (dialect == Dialect.POSTGRESQL) {
                // Instances starting together migrate one after the other; SQLite's IMMEDIATE
                // transactions already serialise them.
                statement.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
            }
            int current;
            try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rows.next();
                current = rows.getInt(1);
            }
            if (current > Migrations.latestVersion()) {
                throw new StoreException("the store's schema is at version " + current
                        + ", newer than this runtime knows (" + Migrations.latestVersion() + "); upgrade the runtime");
            }
            for (Migrations.Migration migration : Migrations.ALL) {
                if (migration.version() > current) {
                    apply(statement, migration);
                }
            }
            commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    private void apply(Statement statement, Migrations.Migration migration) throws SQLException {
        for (String sql : migration.statements()) {
            statement.executeUpdate(dialect.render(sql));
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.setLong(3, Instant.now().toEpochMilli());
            record.executeUpdate();
        }
    }

    /**
     * Switches SQLite between commits that wait for the disk (FULL) and commits that survive a
     * crash of the process but not a power cut (NORMAL); a no-op on PostgreSQL. SQLite takes the
     * switch only between transactions: call it right after a commit or rollback.
     */
    private void setFullSync(boolean full) throws SQLException {
        if (dialect != Dialect.SQLITE || !fullSync) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous = " + (full ? "FULL" : "NORMAL"));
        }
    }

    /**
     * Starts a write transaction. On SQLite it takes the database's write lock at once (BEGIN
     * IMMEDIATE, waiting up to the busy timeout for another process to finish), and
     * {@link #commit()} gives it back: between transactions the connection holds no lock, so
     * other processes (a re-drive from the command line) can write the store. On PostgreSQL
     * every statement runs in a transaction already.
     */
    private void begin() throws SQLException {
        if (dialect == Dialect.SQLITE) {
            connection.setAutoCommit(false);
        }
    }

    private PreparedStatement prepareInTransaction(String sql) throws SQLException {
        begin();
        return connection.prepareStatement(sql);
    }

    /** Ends the transaction, if one is open; a SQLite connection goes back to holding no lock. */
    private void commit() throws SQLException {
        if (connection.getAutoCommit()) {
            return;
        }
        if (dialect == Dialect.SQLITE) {
            // Commits, without the driver's next BEGIN IMMEDIATE that commit() would issue at once.
            connection.setAutoCommit(true);
        } else {
            connection.commit();
        }
    }

    private boolean redriveOne(String connector, String eventId) throws SQLException {
        String update = "UPDATE journal SET status = ?, attempts = 0, last_error = NULL, seq = ?"
                + " WHERE connector = ? AND event_id = ? AND status = ?";
        try (PreparedStatement journal = connection.prepareStatement(update);
                PreparedStatement parked = connection.prepareStatement(
                        "DELETE FROM parked WHERE connector = ? AND event_id = ?")) {
            journal.setString(1, JournalStatus.RECEIVED.name());
            journal.setLong(2, lastSeq(connector) + 1);
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
     * The last place taken in the connector's arrival order. Read inside the writing
     * transaction, so that another process writing the same store (a re-drive) cannot hand out
     * the same place: SQLite's write lock is taken at the transaction's start; on PostgreSQL a
     * transaction-scoped advisory lock on the connector's order is held until the commit.
     */
    private long lastSeq(String connector) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext('ess-order'), hashtext(?))")) {
                lock.setString(1, connector);
                lock.execute();
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM journal WHERE connector = ?")) {
            statement.setString(1, connector);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Optional<JournalEntry> findEntry(String connector, String eventId) throws SQLException {
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
    }

    private static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private StoreException rollback(String action, SQLException cause) {
        rollbackQuietly(cause);
        return failure(action, cause);
    }

    private void rollbackQuietly(Exception cause) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                if (dialect == Dialect.SQLITE) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private StoreException failure(String action, SQLException cause) {
        return new StoreException("store " + description + ": cannot " + action + ": " + cause.getMessage(), cause);
    }
}
