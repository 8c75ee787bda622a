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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;

/**
 * A SQLite file in WAL mode. Commits wait for the disk (synchronous=FULL), so an acked event
 * survives a power cut; {@code path?synchronous=normal} trades that for speed, keeping what
 * survives a crash of the process. Between transactions the connection holds no lock, so other
 * processes (a re-drive from the command line) can write the file.
 */
final class SqliteDialect implements Dialect {

    private static final String PREFIX = "jdbc:sqlite:";
    private static final String SYNC_OPTION = "synchronous";
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /**
     * The open lock files, one per database for the whole process: on Linux, closing any channel
     * on a file drops every lock the process holds on it, so stores share it and never close it.
     */
    private static final Map<Path, FileChannel> LOCK_FILES = new ConcurrentHashMap<>();

    private final String path;
    private final boolean fullSync;
    /** This store's claims, released by {@link #releaseClaims()}. */
    private final List<FileLock> claims = new ArrayList<>();

    private SqliteDialect(String path, boolean fullSync) {
        this.path = path;
        this.fullSync = fullSync;
    }

    /** Reads a file path or {@code jdbc:sqlite:} URL, with an optional {@code ?synchronous=full|normal}. */
    static SqliteDialect parse(String location) {
        String path = location.startsWith(PREFIX) ? location.substring(PREFIX.length()) : location;
        int query = path.indexOf('?');
        if (query < 0) {
            return new SqliteDialect(path, true);
        }
        String option = path.substring(query + 1).trim().toLowerCase(Locale.ROOT);
        if (!option.equals(SYNC_OPTION + "=full") && !option.equals(SYNC_OPTION + "=normal")) {
            throw new StoreException("unknown store option '" + path.substring(query + 1) + "': a SQLite store takes only "
                    + SYNC_OPTION + "=full (the default) or " + SYNC_OPTION + "=normal");
        }
        return new SqliteDialect(path.substring(0, query), option.endsWith("full"));
    }

    @Override
    public String description() {
        return "sqlite:" + path + (fullSync ? "" : "?" + SYNC_OPTION + "=normal");
    }

    @Override
    public boolean exists() {
        return !path.equals(":memory:") && Files.isRegularFile(Path.of(path));
    }

    @Override
    public Connection connect() throws SQLException {
        try {
            Path parent = Path.of(path).toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new SQLException("cannot create the folder of " + path + ": " + e, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(fullSync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // BEGIN IMMEDIATE: a transaction takes the write lock at its start, waiting up to the
        // busy timeout for another process, so two writers never deadlock halfway.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config.createConnection(PREFIX + path);
    }

    @Override
    public String render(String sql) {
        return sql.replace("${binary}", "BLOB");
    }

    @Override
    public void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            // Commits, without the driver's next BEGIN IMMEDIATE that commit() would issue at once.
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** BEGIN IMMEDIATE already serialises migrations. */
    @Override
    public void lockSchema(Connection connection) {}

    /** BEGIN IMMEDIATE already holds the database's only write lock. */
    @Override
    public void lockOrder(Connection connection, String connector) {}

    @Override
    public void relaxDurability(Connection connection, boolean relaxed) throws SQLException {
        if (!fullSync) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous = " + (relaxed ? "NORMAL" : "FULL"));
        }
    }

    /** A lock on one byte of the file {@code <database>.lock}; an in-memory database is this process's alone. */
    @Override
    public synchronized boolean tryClaim(Connection connection, String name) throws IOException {
        if (path.equals(":memory:")) {
            return true;
        }
        Path file = Path.of(path).toAbsolutePath();
        FileChannel lockFile;
        try {
            lockFile = LOCK_FILES.computeIfAbsent(file.resolveSibling(file.getFileName() + ".lock"), lock -> {
                try {
                    return FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            FileLock claim = lockFile.tryLock(Integer.toUnsignedLong(name.hashCode()), 1, false);
            if (claim != null) {
                claims.add(claim);
            }
            return claim != null;
        } catch (OverlappingFileLockException e) {
            return false; // claimed by another store of this process
        }
    }

    @Override
    public synchronized void releaseClaims() throws IOException {
        for (FileLock claim : claims) {
            claim.release();
        }
        claims.clear();
    }
}
