package dev.ess.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** Brings a store's schema to the latest of {@link Migrations}, each migration once, in one transaction. */
final class Migrator {

    private final Database database;

    Migrator(Database database) {
        this.database = database;
    }

    void migrate() {
        database.write("create the schema version table", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                        + " description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            return null;
        });
        database.write("migrate", connection -> {
            database.dialect().lockSchema(connection);
            int current = version(connection);
            if (current > Migrations.latestVersion()) {
                throw new StoreException("store " + database.description() + ": the schema is at version " + current
                        + ", newer than this runtime knows (" + Migrations.latestVersion() + "); upgrade the runtime");
            }
            for (Migrations.Migration migration : Migrations.ALL) {
                if (migration.version() > current) {
                    apply(connection, migration);
                }
            }
            return null;
        });
    }

    /** Whether the database holds a store's schema, of any version; asks without creating anything. */
    boolean hasSchema() {
        return database.read("look for the schema", connection -> {
            try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "schema_version",
                    new String[] {"TABLE"})) {
                return tables.next();
            }
        });
    }

    int version() {
        return database.read("read the schema version", Migrator::version);
    }

    private static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void apply(Connection connection, Migrations.Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.executeUpdate(database.dialect().render(sql));
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.setLong(3, Instant.now().toEpochMilli());
            record.executeUpdate();
        }
    }
}
