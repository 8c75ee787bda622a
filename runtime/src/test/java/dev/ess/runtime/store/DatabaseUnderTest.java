package dev.ess.runtime.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the store tests run on: always a SQLite file; PostgreSQL when
 * {@code ESS_IT_PG_URL} names one, in a schema of its own that {@link #drop} removes again.
 */
public enum DatabaseUnderTest {
    SQLITE {
        @Override
        public String create(Path tempDir) {
            return tempDir.resolve("store.db").toString();
        }

        @Override
        public void drop(String location) {}
    },
    POSTGRESQL {
        @Override
        public String create(Path tempDir) throws SQLException {
            String url = System.getenv("ESS_IT_PG_URL");
            assumeTrue(url != null && !url.isBlank(),
                    "ESS_IT_PG_URL is not set (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres): skipping PostgreSQL");
            String schema = "ess_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        public void drop(String location) throws SQLException {
            String schema = location.substring(location.indexOf("currentSchema=") + "currentSchema=".length());
            try (Connection connection = DriverManager.getConnection(location); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    };

    /** Prepares an empty database and returns its {@code ESS_DB} location; skips when unavailable. */
    public abstract String create(Path tempDir) throws SQLException;

    public abstract void drop(String location) throws SQLException;
}
