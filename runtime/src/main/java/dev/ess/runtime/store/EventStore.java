package dev.ess.runtime.store;

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
     * Claims the connector for this store until {@link #close()}, or until the process dies: one
     * running instance per connector and store, as two would both send the pending events.
     *
     * @throws StoreException when another instance holds the claim
     */
    public void claim() {
        if (!database.tryClaim(connector)) {
            throw new StoreException("connector " + connector + " is already running against the store "
                    + description() + "; run one instance per connector and store");
        }
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
