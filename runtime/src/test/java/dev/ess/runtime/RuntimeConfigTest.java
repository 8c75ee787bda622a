package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

    private static final ConnectorSpec SPEC = ConnectorSpec.builder("city2dmv")
            .listenTopic("permits.changed")
            .targetUrl("https://dmv.example/soap/permits")
            .fields("permit_id")
            .parallelism(8)
            .build();

    @Test
    void readsTheEnvironment() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of(
                "BUS_URL", "amqp://bus:5672/", "TARGET_URL", "http://localhost:8080/permits", "ESS_DB", "/var/lib/ess/ess.db"));
        assertEquals("amqp://bus:5672/", config.busUrl());
        assertEquals("http://localhost:8080/permits", config.targetFor(SPEC));
        assertEquals("/var/lib/ess/ess.db", config.database());
    }

    @Test
    void defaultsToTheManifestTargetAndALocalSqliteFile() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of("BUS_URL", "amqp://bus", "TARGET_URL", " "));
        assertEquals("https://dmv.example/soap/permits", config.targetFor(SPEC));
        assertEquals("./ess.db", config.database());
        assertEquals(RuntimeConfig.DEFAULT_MIN_PREFETCH, config.prefetchFor(SPEC), "room for large intake batches");
    }

    @Test
    void refusesACircuitThresholdBelowOne() {
        assertEquals(5, RuntimeConfig.builder("amqp://bus").circuit(5, java.time.Duration.ofSeconds(1)).build()
                .circuitThreshold());
        assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.builder("amqp://bus").circuit(0, java.time.Duration.ofSeconds(1)).build());
    }

    @Test
    void readsTheOpsPortAndHasNoneByDefault() {
        assertEquals(9464, RuntimeConfig.fromEnvironment(Map.of("BUS_URL", "amqp://bus", "ESS_HTTP_PORT", "9464")).httpPort());
        assertEquals(0, RuntimeConfig.fromEnvironment(Map.of("BUS_URL", "amqp://bus", "ESS_HTTP_PORT", "0")).httpPort());
        assertNull(RuntimeConfig.fromEnvironment(Map.of("BUS_URL", "amqp://bus")).httpPort());
    }

    @Test
    void explainsABadOpsPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.fromEnvironment(Map.of("BUS_URL", "amqp://bus", "ESS_HTTP_PORT", "metrics")));
        assertEquals("ESS_HTTP_PORT must be a port number from 0 to 65535, got 'metrics'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.fromEnvironment(Map.of("BUS_URL", "amqp://bus", "ESS_HTTP_PORT", "70000")));
        assertEquals("ESS_HTTP_PORT must be a port number from 0 to 65535, got 70000", e.getMessage());
    }

    @Test
    void explainsAMissingBusUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().startsWith("BUS_URL is not set"), e.getMessage());
    }
}
