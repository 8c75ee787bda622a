package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorRuntimeUrlsTest {

    private static final ConnectorSpec DECLARED = ConnectorSpec.builder("city2dmv")
            .listenTopic("permits.changed")
            .targetUrl("https://dmv.example/soap/permits?key=${env:DMV_KEY}")
            .fields("permit_id")
            .pingUrl("${env:DMV_PING}")
            .build();

    @Test
    void resolvesTheManifestsEnvironmentReferences() {
        ConnectorSpec spec = ConnectorRuntime.resolveUrls(DECLARED, RuntimeConfig.builder("amqp://bus").build(),
                Map.of("DMV_KEY", "s3cret", "DMV_PING", "https://dmv.example/ping"));

        assertEquals("https://dmv.example/soap/permits?key=s3cret", spec.targetUrl());
        assertEquals("https://dmv.example/ping", spec.pingUrl());
        assertEquals(DECLARED.withUrls(spec.targetUrl(), spec.pingUrl()), spec);
    }

    @Test
    void aTargetOverriddenByTheConfigurationNeedsNoVariable() {
        RuntimeConfig config = RuntimeConfig.builder("amqp://bus").targetUrl("http://127.0.0.1:8088/soap").build();

        ConnectorSpec spec = ConnectorRuntime.resolveUrls(DECLARED, config, Map.of("DMV_PING", "http://127.0.0.1/ping"));

        assertEquals("http://127.0.0.1:8088/soap", config.targetFor(spec));
    }

    @Test
    void aMissingVariableStopsTheStartWithItsName() {
        RuntimeStartException failure = assertThrows(RuntimeStartException.class,
                () -> ConnectorRuntime.resolveUrls(DECLARED, RuntimeConfig.builder("amqp://bus").build(),
                        Map.of("DMV_PING", "http://127.0.0.1/ping")));

        assertEquals("connector city2dmv cannot start: DMV_KEY is not set: the manifest's"
                + " 'https://dmv.example/soap/permits?key=${env:DMV_KEY}' needs it in the connector's environment",
                failure.getMessage());
    }

    @Test
    void logsShowNoPasswordAndNoQuery() {
        assertEquals("https://clerk:***@dmv.example/soap?***",
                ConnectorRuntime.displayed("https://clerk:pw@dmv.example/soap?key=s3cret"));
        assertEquals("http://127.0.0.1:8088/soap", ConnectorRuntime.displayed("http://127.0.0.1:8088/soap"));
    }
}
