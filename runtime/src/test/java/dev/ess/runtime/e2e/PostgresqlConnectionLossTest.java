package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.store.DatabaseUnderTest;
import dev.ess.runtime.testing.BusUnderTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL ends a running connector's connection twice in the middle of a stream, as a restart
 * or a fail-over of the database would ({@code pg_terminate_backend}). The connector connects
 * again by itself, takes its claim back, and every event reaches the partner, each key in order.
 */
class PostgresqlConnectionLossTest {

    private static final int KEYS = 50;
    private static final int BATCH = 1_000;

    @TempDir
    Path tempDir;

    @Test
    void aConnectorWhoseDatabaseConnectionEndsLosesAndReordersNothing() throws Exception {
        String busUri = BusUnderTest.RABBITMQ.uri();
        String location = DatabaseUnderTest.POSTGRESQL.create(tempDir);
        String id = "pgloss-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic("permits.changed." + id)
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .parallelism(4)
                .build();
        try (PermitPartner partner = PermitPartner.publish();
                PermitStream stream = new PermitStream(busUri, spec, KEYS)) {
            RuntimeConfig config = RuntimeConfig.builder(busUri).targetUrl(partner.address()).database(location).build();
            partner.delayCalls(1); // slow enough that the stream is still flowing when the connection ends
            try (ConnectorRuntime runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"),
                    config)) {
                for (int round = 1; round <= 2; round++) {
                    int before = stream.published();
                    stream.publish(BATCH);
                    awaitTrue("part of the batch is delivered", () -> partner.receivedCount() >= before + BATCH / 4);
                    assertEquals(1, terminateConnectorSessions(location, id), "the connector's session");
                    awaitTrue("the connector holds its claim again", () -> claimHolders(location, id) == 1);
                }
                stream.publish(BATCH);
                awaitTrue("every event arrives", () -> stream.countsById(partner.received()).size() == stream.published());
                awaitTrue("the backlog drains", () -> runtime.status().backlog() == 0);

                List<PermitPartner.Received> calls = partner.received();
                Map<String, Integer> counts = stream.countsById(calls);
                long repeated = counts.values().stream().filter(count -> count > 1).count();
                System.out.printf("database connection lost twice: published %d, partner calls %d, distinct %d,"
                        + " sent again %d%n", stream.published(), calls.size(), counts.size(), repeated);
                assertEquals(List.of(), stream.keysOutOfFirstArrivalOrder(calls), "keys out of order");
                assertEquals(List.of(), stream.staleKeys(calls), "keys whose newest state did not arrive last");
                assertTrue(repeated <= 2 * spec.parallelism(),
                        "at most the calls in flight at each loss go out again (their acknowledgement may be lost): "
                                + repeated);
                assertEquals(0, runtime.status().parked());
                assertTrue(runtime.store().writeFailure().isEmpty(), "the store is written again");
            }
        } finally {
            DatabaseUnderTest.POSTGRESQL.drop(location);
        }
    }

    /** Ends, as the database would, the session holding the connector's claim; returns how many were ended. */
    private static int terminateConnectorSessions(String location, String connector) throws Exception {
        return query(location, "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM " + HOLDERS + ") ended",
                connector);
    }

    private static int claimHolders(String location, String connector) {
        try {
            return query(location, "SELECT COUNT(*) FROM " + HOLDERS, connector);
        } catch (Exception e) {
            return -1;
        }
    }

    private static final String HOLDERS = "(SELECT DISTINCT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND classid = hashtext('ess')::oid AND objid = hashtext(?)::oid) holders";

    private static int query(String location, String sql, String connector) throws Exception {
        try (Connection admin = DriverManager.getConnection(location);
                PreparedStatement statement = admin.prepareStatement(sql)) {
            statement.setString(1, connector);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
