package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(32, config.prefetchFor(SPEC), "four per lane");
    }

    @Test
    void explainsAMissingBusUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().startsWith("BUS_URL is not set"), e.getMessage());
    }
}
