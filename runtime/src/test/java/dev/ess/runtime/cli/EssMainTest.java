package dev.ess.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.Event;
import dev.ess.runtime.SoapConnector;
import dev.ess.runtime.store.EventStore;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.store.ReceivedEvent;
import jakarta.xml.ws.WebServiceFeature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EssMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void runsTheOnlyConnectorWithoutBeingTold() throws Exception {
        SoapConnector<?, ?, ?> only = connector("city2dmv");
        assertSame(only, EssMain.select(List.of(only), null));
    }

    @Test
    void asksWhichConnectorWhenThereAreSeveral() {
        List<SoapConnector<?, ?, ?>> several = List.of(connector("a2b"), connector("city2dmv"));
        EssMain.UsageException e = assertThrows(EssMain.UsageException.class, () -> EssMain.select(several, null));
        assertEquals("several connectors on the class path (a2b, city2dmv): choose one with --connector <id>", e.getMessage());
        e = assertThrows(EssMain.UsageException.class, () -> EssMain.select(several, "city2fbi"));
        assertEquals("no connector 'city2fbi' on the class path; available: a2b, city2dmv", e.getMessage());
    }

    @Test
    void findsTheConnectorsRegisteredAsServices() throws Exception {
        assertEquals(List.of("registered"),
                EssMain.loadConnectors().stream().map(connector -> connector.spec().id()).toList());
    }

    @Test
    void reportsAMissingBusUrlAsAUsageError() {
        assertEquals(EssMain.USAGE, main(Map.of()).run(new String[0]));
        assertTrue(err().startsWith("error: BUS_URL is not set"), err());
    }

    @Test
    void reportsAnUnreachableBusAsAStartFailure() {
        Map<String, String> environment = Map.of("BUS_URL", "amqp://guest:secret@127.0.0.1:1/", "ESS_DB", "jdbc:sqlite::memory:");
        assertEquals(EssMain.START_FAILED, main(environment).run(new String[0]));
        assertTrue(err().startsWith("error: connector registered cannot start: cannot connect to the bus at"
                + " amqp://guest:***@127.0.0.1:1/"), err());
    }

    /** A bus URL that does not parse stops the start, whatever part of it is wrong, and never shows the password. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            amqp://clerk:S3cret-pw@rabbit_host:5672/vh  | 'amqp://clerk:***@rabbit_host:5672/vh' is not a valid URL: the host name 'rabbit_host' may hold only letters, digits, '-' and '.'
            amqp://clerk:S3cret-pw@rabbit:56x2/vh       | 'amqp://clerk:***@rabbit:56x2/vh' is not a valid URL: the port '56x2' is not a number
            amqp://clerk:S3cret-pw@rabbit:99999/vh      | 'amqp://clerk:***@rabbit:99999/vh' is not a valid URL: the port 99999 is not between 1 and 65535
            amqp://clerk:S3cret@pw@rabbit/vh            | 'amqp://clerk:***@rabbit/vh' is not a valid URL: the user or password holds a character that must be percent-encoded, such as '@' (%40), ':' (%3A) or '/' (%2F)
            amqp://clerk:S3cret pw@rabbit/vh            | 'amqp://clerk:***@rabbit/vh' is not a valid URL: illegal character in authority
            amqp://clerk:S3cret-pw@/vh                  | 'amqp://clerk:***@/vh' is not a valid URL: it names no host
            http://clerk:S3cret-pw@rabbit/vh            | 'http://clerk:***@rabbit/vh' is not a valid URL: it must start with amqp:// or amqps://
            S3cret-pw@rabbit:5672                       | '***@rabbit:5672' is not a valid URL: it must start with amqp:// or amqps://
            """)
    void refusesABusUrlThatDoesNotParse(String busUrl, String why) {
        for (String[] args : List.of(new String[0], new String[] {"ops", "--port", "0"})) {
            out.reset();
            err.reset();
            assertEquals(EssMain.USAGE, main(Map.of("BUS_URL", busUrl, "ESS_DB", "jdbc:sqlite::memory:")).run(args));
            assertEquals("error: BUS_URL " + why, err().strip());
            assertFalse((out() + err()).contains("S3cret"), out() + err());
        }
    }

    @Test
    void rejectsUnknownArguments() {
        assertEquals(EssMain.USAGE, main(Map.of()).run(new String[] {"--conector", "x"}));
        assertEquals("error: unknown argument '--conector'; try --help", err().strip());
    }

    @Test
    void readsTheOpsPortFromTheCommandLine() throws Exception {
        EssMain.Options connector = EssMain.Options.parse(new String[] {"--connector", "city2dmv", "--http-port", "9464"});
        assertEquals("city2dmv", connector.connectorId());
        assertEquals(9464, connector.httpPort());
        assertFalse(connector.ops());
        EssMain.Options dashboard = EssMain.Options.parse(new String[] {"ops", "--port", "0"});
        assertTrue(dashboard.ops());
        assertEquals(0, dashboard.httpPort());
        assertNull(EssMain.Options.parse(new String[] {"ops"}).httpPort(), "the default port is chosen later");
    }

    @Test
    void explainsMisusedOpsOptions() {
        assertEquals(EssMain.USAGE, main(Map.of()).run(new String[] {"--http-port", "metrics"}));
        assertEquals(EssMain.USAGE, main(Map.of()).run(new String[] {"--port", "8080"}));
        assertEquals(EssMain.USAGE, main(Map.of()).run(new String[] {"ops", "--http-port", "8080"}));
        assertEquals(EssMain.USAGE, main(Map.of()).run(new String[] {"ops", "--connector", "city2dmv"}));
        assertEquals(EssMain.USAGE, main(Map.of()).run(new String[] {"ops"}));
        assertEquals(List.of(
                "error: the port must be a port number from 0 to 65535, got 'metrics'",
                "error: --port is an ops option; use --http-port",
                "error: --http-port is not an ops option; use --port",
                "error: ops shows every connector: --connector does not apply",
                "error: BUS_URL is not set: set it to the AMQP URI of the event bus, e.g. amqp://guest:guest@localhost:5672/"),
                err().lines().toList());
    }

    @Test
    void listsConnectors() {
        assertEquals(EssMain.OK, main(Map.of()).run(new String[] {"--list"}));
        assertEquals("registered  registered.events -> http://127.0.0.1:1/registered", out().strip());
    }

    @Test
    void reDrivesParkedEventsInTheStoreWithoutStarting(@TempDir Path tempDir) {
        String database = tempDir.resolve("ess.db").toString();
        try (EventStore store = EventStore.open(database, "registered")) {
            store.journal().receiveAll(List.of(
                    new ReceivedEvent("e1", "registered.events", "k", new byte[] {'{', '}'}, Instant.EPOCH)));
            store.journal().park("e1", "SOAP Client fault: no", 1, Instant.EPOCH);
        }
        Map<String, String> environment = Map.of("ESS_DB", database);

        assertEquals(EssMain.USAGE, main(environment).run(new String[] {"--redrive", "e2"}));
        assertEquals("error: event 'e2' of registered is not parked in sqlite:" + database, err().strip());
        assertEquals(EssMain.OK, main(environment).run(new String[] {"--redrive", "e1"}));
        assertEquals("re-driven event e1 of registered", out().strip());
        try (EventStore store = EventStore.open(database, "registered")) {
            assertEquals(JournalStatus.RECEIVED, store.view().find("e1").orElseThrow().status());
        }
    }

    /** A command pointed at a store that is not there says so, and leaves nothing behind. */
    @Test
    void aReDriveFindsNoStoreWhereThereIsNone(@TempDir Path tempDir) {
        Path database = tempDir.resolve("typo/ess.db");
        for (String event : List.of("all", "e1")) {
            err.reset();
            assertEquals(EssMain.START_FAILED, main(Map.of("ESS_DB", database.toString())).run(new String[] {"--redrive", event}));
            assertEquals("error: there is no store at sqlite:" + database + ": a connector creates it when it first starts;"
                    + " is ESS_DB right?", err().strip());
        }
        assertEquals("", out());
        assertFalse(Files.exists(tempDir.resolve("typo")), "no store is made");
    }

    private EssMain main(Map<String, String> environment) {
        return new EssMain(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static SoapConnector<?, ?, ?> connector(String id) {
        return new NamedConnector(id);
    }

    /** A connector that is never run, only selected. */
    static class NamedConnector implements SoapConnector<Object, Object, Object> {
        private final ConnectorSpec spec;

        NamedConnector(String id) {
            spec = ConnectorSpec.builder(id).listenTopic(id + ".events").targetUrl("http://127.0.0.1:1/" + id).build();
        }

        @Override
        public ConnectorSpec spec() {
            return spec;
        }

        @Override
        public Object createPort(WebServiceFeature... features) {
            return spec.targetUrl();
        }

        @Override
        public Object map(Event event) {
            return event;
        }

        @Override
        public Object send(Object port, Object request) {
            return request;
        }
    }

    /** Registered in META-INF/services for {@link #findsTheConnectorsRegisteredAsServices()}. */
    public static final class RegisteredConnector extends NamedConnector {
        public RegisteredConnector() {
            super("registered");
        }
    }
}
