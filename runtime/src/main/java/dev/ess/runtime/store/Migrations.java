package dev.ess.runtime.store;

import java.util.List;

/**
 * The store's schema, as numbered migrations applied in order, each once. Never edit a
 * released migration; add the next number instead. Times are epoch milliseconds (UTC).
 */
final class Migrations {

    record Migration(int version, String description, List<String> statements) {}

    static final List<Migration> ALL = List.of(
            new Migration(1, "journal, sync offsets and parked events", List.of(
                    """
                    CREATE TABLE journal (
                      connector   VARCHAR(200) NOT NULL,
                      event_id    VARCHAR(200) NOT NULL,
                      routing_key VARCHAR(255) NOT NULL,
                      event_key   VARCHAR(255),
                      body        ${binary} NOT NULL,
                      received_at BIGINT NOT NULL,
                      status      VARCHAR(16) NOT NULL,
                      attempts    INTEGER NOT NULL DEFAULT 0,
                      last_error  TEXT,
                      sent_at     BIGINT,
                      PRIMARY KEY (connector, event_id)
                    )""",
                    "CREATE INDEX journal_status ON journal (connector, status, received_at)",
                    """
                    CREATE TABLE sync_offsets (
                      connector VARCHAR(200) NOT NULL,
                      topic     VARCHAR(255) NOT NULL,
                      last_ts   BIGINT NOT NULL,
                      PRIMARY KEY (connector, topic)
                    )""",
                    """
                    CREATE TABLE parked (
                      connector   VARCHAR(200) NOT NULL,
                      event_id    VARCHAR(200) NOT NULL,
                      routing_key VARCHAR(255) NOT NULL,
                      event_key   VARCHAR(255),
                      body        ${binary} NOT NULL,
                      reason      TEXT NOT NULL,
                      attempts    INTEGER NOT NULL,
                      parked_at   BIGINT NOT NULL,
                      PRIMARY KEY (connector, event_id)
                    )""")),
            new Migration(2, "journal arrival order", List.of(
                    "ALTER TABLE journal ADD COLUMN seq BIGINT",
                    // Rows journalled before this migration keep their arrival order.
                    """
                    UPDATE journal SET seq = numbered.n FROM (
                      SELECT connector, event_id, ROW_NUMBER() OVER (ORDER BY received_at, event_id) AS n FROM journal
                    ) AS numbered
                    WHERE journal.connector = numbered.connector AND journal.event_id = numbered.event_id""",
                    "CREATE INDEX journal_pending ON journal (connector, status, seq)",
                    "CREATE INDEX journal_order ON journal (connector, seq)")),
            new Migration(3, "journal partitions", List.of(
                    // Every event journalled before partitions existed is in the one partition there was.
                    "ALTER TABLE journal ADD COLUMN part INTEGER NOT NULL DEFAULT 0",
                    "CREATE INDEX journal_partition_pending ON journal (connector, part, status, seq)")));

    static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    private Migrations() {}
}
