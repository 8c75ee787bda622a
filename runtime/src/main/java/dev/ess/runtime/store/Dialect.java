package dev.ess.runtime.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the two databases a store can live in: how to connect, how transactions
 * begin and end, the locks that keep writers apart, and one column type. The SQL of the journal
 * is shared: both accept {@code INSERT ... ON CONFLICT}.
 */
sealed interface Dialect permits SqliteDialect, PostgresqlDialect {

    String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    /** The dialect of an {@code ESS_DB} location: a {@code jdbc:postgresql:} URL, else a SQLite file. */
    static Dialect of(String location) {
        return location.startsWith(POSTGRESQL_PREFIX) ? new PostgresqlDialect(location) : SqliteDialect.parse(location);
    }

    /** Where the store lives, without credentials, e.g. {@code sqlite:./ess.db}. */
    String description();

    /**
     * Whether the database can be there at all: false for a SQLite file that does not exist, which
     * connecting would create.
     */
    boolean exists();

    /** Opens the one connection the store uses, between transactions in the state {@link #commit} leaves. */
    Connection connect() throws SQLException;

    /** A migration's SQL with the {@code ${binary}} placeholder replaced by this database's type. */
    String render(String sql);

    /** Starts a write transaction. */
    void begin(Connection connection) throws SQLException;

    /** Ends the transaction, if one is open. */
    void commit(Connection connection) throws SQLException;

    /** Undoes the transaction, if one is open. */
    void rollback(Connection connection) throws SQLException;

    /** Makes instances that start together migrate one after the other; inside the migration's transaction. */
    void lockSchema(Connection connection) throws SQLException;

    /**
     * Keeps another writer from handing out places in the connector's arrival order until this
     * transaction ends; called inside the transaction before reading the last place.
     */
    void lockOrder(Connection connection, String connector) throws SQLException;

    /**
     * Lets the next commits survive a crash of the process but not a power cut ({@code true}), or
     * makes them wait for the disk again; between transactions only.
     */
    void relaxDurability(Connection connection, boolean relaxed) throws SQLException;

    /**
     * Claims {@code name} for this store until {@link #releaseClaims} or the end of the process.
     *
     * @return false when another store holds it
     */
    boolean tryClaim(Connection connection, String name) throws SQLException, IOException;

    /** Gives back every claim; the connection is about to close. */
    void releaseClaims() throws IOException;
}
