package dev.ess.runtime.store;

/**
 * What differs between the two supported databases. The SQL itself is shared: both accept
 * {@code INSERT ... ON CONFLICT}, so only types and schema locking differ.
 */
enum Dialect {
    SQLITE("BLOB"),
    POSTGRESQL("BYTEA");

    private final String binaryType;

    Dialect(String binaryType) {
        this.binaryType = binaryType;
    }

    /** Replaces the {@code ${binary}} placeholder of a migration with this database's type. */
    String render(String sql) {
        return sql.replace("${binary}", binaryType);
    }
}
