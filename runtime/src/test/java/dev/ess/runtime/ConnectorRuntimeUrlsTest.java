package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** A partner URL that does not parse stops the start, instead of being retried as if the partner were down. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://clerk:S3cret-pw@dmv_host/soap?token=T0ken-42 | 'http://clerk:***@dmv_host/soap?***' is not a valid URL: the host name 'dmv_host' may hold only letters, digits, '-' and '.'
            http://clerk:S3cret-pw@dmv:80x/soap?token=T0ken-42  | 'http://clerk:***@dmv:80x/soap?***' is not a valid URL: the port '80x' is not a number
            https://dmv.example/soap?token=T0ken 42            | 'https://dmv.example/soap?***' is not a valid URL: illegal character in query
            ftp://clerk:S3cret-pw@dmv.example/soap             | 'ftp://clerk:***@dmv.example/soap' is not a valid URL: it must start with http:// or https://
            dmv.example/soap?token=T0ken-42                    | 'dmv.example/soap?***' is not a valid URL: it must start with http:// or https://
            """)
    void aPartnerUrlThatDoesNotParseStopsTheStart(String url, String why) {
        IllegalArgumentException overridden = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.fromEnvironment(Map.of("BUS_URL", "amqp://bus", "TARGET_URL", url)));
        assertEquals("TARGET_URL " + why, overridden.getMessage());

        RuntimeStartException declared = assertThrows(RuntimeStartException.class,
                () -> ConnectorRuntime.resolveUrls(DECLARED, RuntimeConfig.builder("amqp://bus").build(),
                        Map.of("DMV_KEY", "k", "DMV_PING", url)));
        assertEquals("connector city2dmv cannot start: ping_url " + why, declared.getMessage());
        assertFalse(declared.getMessage().contains("S3cret") || declared.getMessage().contains("T0ken"));
    }

    @Test
    void aTargetWhoseVariableHoldsAnUnparsableUrlStopsTheStart() {
        ConnectorSpec declared = DECLARED.withUrls("${env:DMV_URL}", null);
        RuntimeStartException failure = assertThrows(RuntimeStartException.class,
                () -> ConnectorRuntime.resolveUrls(declared, RuntimeConfig.builder("amqp://bus").build(),
                        Map.of("DMV_URL", "https://clerk:S3cret-pw@dmv_host/soap")));
        assertEquals("connector city2dmv cannot start: target_url 'https://clerk:***@dmv_host/soap' is not a valid URL:"
                + " the host name 'dmv_host' may hold only letters, digits, '-' and '.'", failure.getMessage());
    }

    @Test
    void logsShowNoPasswordAndNoQuery() {
        assertEquals("https://clerk:***@dmv.example/soap?***", Urls.shown("https://clerk:pw@dmv.example/soap?key=s3cret"));
        assertEquals("http://127.0.0.1:8088/soap", Urls.shown("http://127.0.0.1:8088/soap"));
    }
}
