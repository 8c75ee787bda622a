package dev.ess.runtime.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL database, for several instances sharing one store. Every statement runs in a
 * transaction and every commit is durable; writers are kept apart with advisory locks.
 */
final class PostgresqlDialect implements Dialect {

    private final String url;

    PostgresqlDialect(String url) {
        this.url = url;
    }

    /** The URL without its parameters, which may hold a password. */
    static String redacted(String url) {
        int query = url.indexOf('?');
        return "postgresql:" + (query < 0 ? url : url.substring(0, query)).substring(POSTGRESQL_PREFIX.length());
    }

    @Override
    public String description() {
        return redacted(url);
    }

    /** A database that is not there refuses the connection by itself. */
    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    public String render(String sql) {
        return sql.replace("${binary}", "BYTEA");
    }

    @Override
    public void begin(Connection connection) {}

    @Override
    public void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        connection.rollback();
    }

    @Override
    public void lockSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
        }
    }

    /** A transaction-scoped advisory lock on the connector's order, held until the commit. */
    @Override
    public void lockOrder(Connection connection, String connector) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtext('ess-order'), hashtext(?))")) {
            lock.setString(1, connector);
            lock.execute();
        }
    }

    @Override
    public void relaxDurability(Connection connection, boolean relaxed) {}

    /** A session-level advisory lock: it goes with the connection, {@code kill -9} included. */
    @Override
    public boolean tryClaim(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(hashtext('ess'), hashtext(?))")) {
            statement.setString(1, name);
            boolean claimed;
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                claimed = rows.getBoolean(1);
            }
            connection.commit();
            return claimed;
        }
    }

    /** The session's locks end with its connection. */
    @Override
    public void releaseClaims() {}
}
