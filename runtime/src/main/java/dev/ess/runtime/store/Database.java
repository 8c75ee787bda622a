package dev.ess.runtime.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDBC connection and its {@link Dialect}, used by one caller at a time. Work runs in a
 * transaction that is committed before the call returns, or rolled back when it fails; a
 * failure becomes a {@link StoreException} naming the store and what was being done.
 *
 * <p>A connection the database ended (a restart, a fail-over, an administrator's
 * {@code pg_terminate_backend}) is opened again at the next call, and what belonged to its
 * session comes back with it: the connector's membership and the claims it held. A claim that
 * another instance took in between is lost, and {@link #takeLostClaims()} says which.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** How long checking a connection after a failure may take. */
    private static final int VALID_TIMEOUT_SECONDS = 2;

    /** Statements run inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Connection connection;
    /** Whether the connection was found ended: it is opened again at the next call. */
    private boolean lost;
    private final Dialect dialect;
    /** What this session holds, to take again with a new connection. */
    private final Set<String> claims = new LinkedHashSet<>();
    private final Set<String> joined = new LinkedHashSet<>();
    private final List<String> lostClaims = new ArrayList<>();
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
            reopenIfLost();
            boolean claimed = dialect.tryClaim(connection, name);
            if (claimed) {
                claims.add(name);
            }
            return claimed;
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw failure("claim " + name, e);
        } catch (IOException e) {
            throw new StoreException("store " + description() + ": cannot claim " + name + ": " + e, e);
        }
    }

    /** Gives back a claim of {@link #tryClaim}. */
    synchronized void release(String name) {
        claims.remove(name);
        try {
            reopenIfLost();
            dialect.release(connection, name);
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw failure("release " + name, e);
        } catch (IOException e) {
            throw new StoreException("store " + description() + ": cannot release " + name + ": " + e, e);
        }
    }

    /** Counts this store among the connector's running instances; see {@link Dialect#join}. */
    synchronized void join(String connector) {
        run("join the instances of " + connector, false, connection -> {
            dialect.join(connection, connector);
            return null;
        });
        joined.add(connector);
    }

    /** The claims a new connection could not take again since the last call: another instance holds them now. */
    synchronized List<String> takeLostClaims() {
        List<String> taken = List.copyOf(lostClaims);
        lostClaims.clear();
        return taken;
    }

    synchronized int members(String connector) {
        return run("count the instances of " + connector, false, connection -> dialect.members(connection, connector));
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
            reopenIfLost();
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
        } catch (IOException e) {
            throw new StoreException("store " + description() + ": cannot " + action + ": " + e, e);
        } catch (RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    private void wrote(String failure) {
        writeFailure = failure;
        lastWriteNanos = System.nanoTime();
    }

    /**
     * Opens a new connection when the last one was found ended, and takes again what its session
     * held; throws when the database still cannot be reached, to be tried again at the next call.
     */
    private void reopenIfLost() throws SQLException, IOException {
        if (!lost) {
            return;
        }
        Connection fresh = dialect.connect();
        List<String> taken = new ArrayList<>();
        try {
            for (String connector : joined) {
                dialect.join(fresh, connector);
            }
            for (String name : claims) {
                if (!dialect.tryClaim(fresh, name)) {
                    taken.add(name);
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(fresh); // gives back what it took; all is taken again at the next try
            throw e;
        }
        closeQuietly(connection);
        connection = fresh;
        lost = false;
        claims.removeAll(taken);
        lostClaims.addAll(taken);
        LOG.warn("store {}: connected again{}", description(),
                taken.isEmpty() ? "" : "; another instance holds " + String.join(", ", taken) + " now");
    }

    /** After a failure: whether the connection itself ended, so that the next call opens another. */
    private void checkConnection() {
        try {
            if (!lost && !connection.isValid(VALID_TIMEOUT_SECONDS)) {
                lost = true;
                LOG.warn("store {}: the connection ended; connecting again at the next use", description());
            }
        } catch (SQLException e) {
            lost = true;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // it ended already
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            dialect.rollback(connection);
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
        checkConnection();
    }

    private StoreException failure(String action, SQLException cause) {
        return new StoreException("store " + description() + ": cannot " + action + ": " + cause.getMessage(), cause);
    }
}
