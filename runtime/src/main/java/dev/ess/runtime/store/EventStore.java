package dev.ess.runtime.store;

import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One connector's durable state over plain JDBC: its {@link #journal() journal} of received
 * events, with the offsets of what the partner acknowledged and the parked events, and a
 * {@link #view() read-only view} of it for operations.
 *
 * <p>{@link #open} takes the {@code ESS_DB} setting: a SQLite file path (see
 * {@link SqliteDialect} for its durability options) or a {@code jdbc:postgresql:} URL, and
 * brings the schema up to date. One JDBC connection serves all callers, one transaction at a
 * time. Several connectors may share one database; each store sees only its own connector's rows.
 */
public final class EventStore implements AutoCloseable {

    /** The {@code ESS_DB} value used when none is given. */
    public static final String DEFAULT_LOCATION = "./ess.db";
    /** How long the store may go without a write before {@link #writeFailure()} tries one. */
    public static final Duration PROBE_AFTER = Duration.ofSeconds(10);

    private final Database database;
    private final String connector;
    private final Journal journal;
    private final JournalView view;

    private EventStore(Database database, String connector) {
        this.database = database;
        this.connector = connector;
        this.journal = new Journal(database, connector);
        this.view = new JournalView(database, connector);
    }

    /**
     * Opens the store of a connector and brings its schema up to date.
     *
     * @param location a SQLite file path, a {@code jdbc:sqlite:} URL or a {@code jdbc:postgresql:}
     *     URL; blank for {@value #DEFAULT_LOCATION}
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static EventStore open(String location, String connector) {
        String where = location == null || location.isBlank() ? DEFAULT_LOCATION : location.trim();
        Database database = Database.open(where);
        try {
            new Migrator(database).migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new EventStore(database, connector);
    }

    /**
     * Opens the store of a connector for an operator's command, which must find the store a
     * connector made: it never makes an empty one and reports success, so a mistyped
     * {@code ESS_DB} is found out at once.
     *
     * @throws StoreException when there is no store at {@code location}, or it cannot be reached
     */
    public static EventStore openExisting(String location, String connector) {
        String where = location == null || location.isBlank() ? DEFAULT_LOCATION : location.trim();
        Dialect dialect = Dialect.of(where);
        if (!dialect.exists()) {
            throw noStore(dialect.description());
        }
        Database database = Database.open(where);
        try {
            Migrator migrator = new Migrator(database);
            if (!migrator.hasSchema()) {
                throw noStore(database.description());
            }
            migrator.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new EventStore(database, connector);
    }

    private static StoreException noStore(String description) {
        return new StoreException("there is no store at " + description
                + ": a connector creates it when it first starts; is ESS_DB right?");
    }

    public String connector() {
        return connector;
    }

    /** Where the store lives, without credentials, e.g. {@code sqlite:./ess.db}. */
    public String description() {
        return database.description();
    }

    /** The schema version the store is at. */
    public int schemaVersion() {
        return new Migrator(database).version();
    }

    public Journal journal() {
        return journal;
    }

    public JournalView view() {
        return view;
    }

    /**
     * Why the store cannot be written, or empty while it can: the latest write failed. When none
     * was tried for {@link #PROBE_AFTER}, a probe is written first, so that a store that turned
     * read-only or full shows also while no event arrives.
     */
    public Optional<String> writeFailure() {
        if (database.nanosSinceWrite() > PROBE_AFTER.toNanos()) {
            try {
                probeWrite();
            } catch (StoreException e) {
                // Recorded as the latest write's failure.
            }
        }
        return Optional.ofNullable(database.writeFailure());
    }

    /**
     * Writes to the store without changing what it holds: moves a time in the row of its schema
     * version and back, in one transaction. (SQLite writes nothing for an update that changes
     * nothing.)
     *
     * @throws StoreException when the store cannot be written, e.g. read-only or full
     */
    public void probeWrite() {
        database.write("write", connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String change : new String[] {"+ 1", "- 1"}) {
                    statement.executeUpdate("UPDATE schema_version SET applied_at = applied_at " + change
                            + " WHERE version = (SELECT MAX(version) FROM schema_version)");
                }
            }
            return null;
        });
    }

    /**
     * Claims one of the connector's partitions for this store until {@link #release}, {@link
     * #close()} or the end of the process ({@code kill -9} included): the events of a partition
     * are delivered by one instance at a time, as two would both send its pending events.
     *
     * @return false when another instance holds it
     */
    public boolean tryClaim(int partition) {
        return database.tryClaim(claimName(partition));
    }

    public void release(int partition) {
        database.release(claimName(partition));
    }

    /**
     * The partitions whose claims ended with a connection the database closed and that another
     * instance claimed before this store connected again: this instance must stop delivering them.
     * Each is told once.
     */
    public List<Integer> lostPartitions() {
        return database.takeLostClaims().stream()
                .map(claim -> claim.equals(connector) ? 0 : Integer.parseInt(claim.substring(connector.length() + 1)))
                .toList();
    }

    /**
     * Counts this store among the connector's running instances until it closes, so that the
     * instances can share the partitions. Counted on PostgreSQL only: on SQLite, a store of one
     * machine, the first instance claims every partition and the others stand by.
     */
    public void join() {
        database.join(connector);
    }

    /** How many instances of the connector run on this database, this one included; see {@link #join()}. */
    public int members() {
        return database.members(connector);
    }

    /** Partition 0 is claimed under the connector's id, as one instance claimed the whole store before partitions. */
    private String claimName(int partition) {
        return partition == 0 ? connector : connector + "#" + partition;
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "EventStore[" + connector + " in " + description() + "]";
    }
}
