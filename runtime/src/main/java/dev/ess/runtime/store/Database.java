package dev.ess.runtime.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One JDBC connection and its {@link Dialect}, used by one caller at a time. Work runs in a
 * transaction that is committed before the call returns, or rolled back when it fails; a
 * failure becomes a {@link StoreException} naming the store and what was being done.
 */
final class Database implements AutoCloseable {

    /** Statements run inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    /** Why the latest write failed, or {@code null} when it succeeded. */
    private volatile String writeFailure;
    private volatile long lastWriteNanos = System.nanoTime();

    private Database(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    static Database open(String location) {
        Dialect dialect = Dialect.of(location);
        try {
            return new Database(dialect.connect(), dialect);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot open the store " + dialect.description() + ": " + e.getMessage(), e);
        }
    }

    String description() {
        return dialect.description();
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs queries; on SQLite without the write lock, so they never wait for a writer. */
    synchronized <T> T read(String action, Work<T> work) {
        return run(action, false, work);
    }

    /** Runs a write transaction that is durable once it returns. */
    synchronized <T> T write(String action, Work<T> work) {
        return run(action, true, work);
    }

    /**
     * Runs a write transaction whose commit survives a crash of the process but, on SQLite, not
     * necessarily a power cut: for records whose loss only repeats work, never loses an event.
     */
    synchronized <T> T writeRelaxed(String action, Work<T> work) {
        try {
            dialect.relaxDurability(connection, true);
            try {
                return run(action, true, work);
            } finally {
                dialect.relaxDurability(connection, false);
            }
        } catch (SQLException e) {
            throw failure("set the durability to " + action, e);
        }
    }

    /** Claims {@code name} for this store; false when another store holds it. */
    synchronized boolean tryClaim(String name) {
        try {
            return dialect.tryClaim(connection, name);
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw failure("claim " + name, e);
        } catch (IOException e) {
            throw new StoreException("store " + description() + ": cannot claim " + name + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
            dialect.releaseClaims();
        } catch (SQLException e) {
            throw failure("close", e);
        } catch (IOException e) {
            throw new StoreException("store " + description() + ": cannot release its claims: " + e, e);
        }
    }

    /** Why the latest write failed, or {@code null} when it succeeded. */
    String writeFailure() {
        return writeFailure;
    }

    /** Nanoseconds, as {@link System#nanoTime()} counts them, since a write was last tried. */
    long nanosSinceWrite() {
        return System.nanoTime() - lastWriteNanos;
    }

    private <T> T run(String action, boolean writes, Work<T> work) {
        try {
            if (writes) {
                dialect.begin(connection);
            }
            T result = work.run(connection);
            dialect.commit(connection);
            if (writes) {
                wrote(null);
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly(e);
            StoreException failure = failure(action, e);
            if (writes) {
                wrote(e.getMessage());
            }
            throw failure;
        } catch (RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    private void wrote(String failure) {
        writeFailure = failure;
        lastWriteNanos = System.nanoTime();
    }

    private void rollbackQuietly(Exception cause) {
        try {
            dialect.rollback(connection);
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private StoreException failure(String action, SQLException cause) {
        return new StoreException("store " + description() + ": cannot " + action + ": " + cause.getMessage(), cause);
    }
}
