package dev.ess.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.emit.Names;
import dev.ess.compiler.manifest.Manifest;
import dev.ess.compiler.manifest.ManifestLoader;
import dev.ess.compiler.partner.CompiledWsdls;
import dev.ess.compiler.partner.PartnerCompiler;
import dev.ess.compiler.partner.PartnerOperation;
import dev.ess.compiler.partner.PartnerPort;
import dev.ess.compiler.partner.PartnerService;
import dev.ess.compiler.partner.RecordingPartner;
import dev.ess.compiler.partner.WsdlSchema;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.SoapConnector;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.testing.BusUnderTest;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Real partners' WSDLs end to end: ESS generates the connector, javac compiles it, the runtime
 * runs it on the embedded broker, events are published to {@code hms.events}, and a JAX-WS
 * endpoint of the same WSDL checks every request against the partner's schema and holds the
 * mapped values.
 */
class CorpusEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @AfterAll
    static void stopTheBroker() {
        BusUnderTest.stopEmbedded();
    }

    /**
     * A case: the folder its manifest is in, the events published in order, and what the partner
     * must have received, as paths below the request's root element ({@code books[1]/author},
     * {@code @status}) with the text expected there, for each request.
     */
    record Case(String folder, List<String> events, List<Map<String, String>> expected) {
        @Override
        public String toString() {
            return folder;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(new Case("inspections",
                        List.of("""
                                {"permit_id":"P-1","status":"CLOSED","issued":"2024-05-31","requested_at":"2024-05-31T09:30:00+02:00",
                                 "site":{"street":"Main St","access":"gate 2"},"urgency":"same-day","inspector":"Lin",
                                 "deadline":"2024-06-01T12:00:00Z"}"""),
                        List.of(expect(
                                "PermitID", "P-1", "Status", "CLOSED", "Issued", "2024-05-31",
                                "RequestedAt", "2024-05-31T09:30:00+02:00", "Site/Street", "Main St", "Site/Access", "gate 2",
                                "Urgency", "same-day", "Inspector", "Lin", "Agency", "CITY-042", "SourceStatus", "OPEN")))),
                arguments(new Case("orders",
                        List.of("""
                                {"order_id":"O-1","customer":{"name":"Parks Dept","tier":"gold"},
                                 "lines":[{"sku":"pen-12","qty":40,"price":1.5,"number":1,"notes":["blue","fine"]},
                                          {"sku":"INK-3","qty":2,"price":"9.999","number":2}],
                                 "pickup_point":"Depot 4","tags":["Urgent","Q3"],"placed":"2024-05-31T09:30:00Z","weight":12.5}"""),
                        List.of(expect(
                                "OrderID", "O-1", "@channel", "mobile", "Customer/Name", "Parks Dept", "Customer/@tier", "gold",
                                "Line[0]/@number", "1", "Line[0]/SKU", "PEN-12", "Line[0]/Quantity", "40",
                                "Line[0]/Price", "1.50", "Line[0]/Price/@currency", "EUR", "Line[0]/Note[1]", "fine",
                                "Line[1]/SKU", "INK-3", "Line[1]/Price", "10.00", "Line[1]/Note", null,
                                "Pickup", "Depot 4", "Tag[0]", "urgent", "Tag[1]", "q3", "Placed", "2024-05-31T09:30:00Z",
                                "Weight", "12.5", "Header/Audit/User", "system")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsReachAnEndpointOfTheSameWsdlAsSchemaValidRequests(Case testCase) throws Exception {
        try (Deployment deployment = Deployment.of(TestFiles.resource(testCase.folder()), work)) {
            deployment.publish(testCase.events());
            try (ConnectorRuntime runtime = deployment.start()) {
                List<RecordingPartner.Request> received = deployment.partner.await(testCase.events().size(), TIMEOUT);
                assertEquals(List.of(), deployment.partner.refused(), "requests the partner's schema refuses");
                assertEquals(testCase.events().size(), received.size(), "requests received");
                for (int i = 0; i < received.size(); i++) {
                    for (Map.Entry<String, String> value : testCase.expected().get(i).entrySet()) {
                        assertEquals(value.getValue(), text(received.get(i), value.getKey()),
                                "request " + (i + 1) + ", " + value.getKey());
                    }
                }
                assertEquals(List.of(), runtime.store().view().parked(), "parked events");
            }
        }
    }

    /** An order without lines, or with more than the 50 the wholesaler takes, can never be sent: it is parked at once. */
    @Test
    void anArrayOutsideThePartnersBoundsParksItsEventWithTheReason() throws Exception {
        String line = "{\"sku\":\"PEN-1\",\"qty\":1,\"price\":1,\"number\":1}";
        String order = "{\"order_id\":\"%s\",\"lines\":[%s],\"pickup_point\":\"D\",\"placed\":\"2024-05-31T09:30:00Z\"}";
        try (Deployment deployment = Deployment.of(TestFiles.resource("orders"), work)) {
            deployment.publish(List.of(order.formatted("none", ""),
                    order.formatted("too-many", String.join(",", Collections.nCopies(51, line))),
                    order.formatted("fine", line)));
            try (ConnectorRuntime runtime = deployment.start()) {
                List<RecordingPartner.Request> received = deployment.partner.await(1, TIMEOUT);
                assertEquals(List.of("fine"), received.stream().map(request -> text(request, "OrderID")).toList());
                Map<String, String> reasons = new TreeMap<>();
                runtime.store().view().parked().forEach(parked -> reasons.put(parked.eventKey(), parked.reason()));
                assertEquals(Map.of(
                        "none", "malformed event: field 'lines' holds 0 entries; the partner takes 1 to 50",
                        "too-many", "malformed event: field 'lines' holds 51 entries; the partner takes 1 to 50"), reasons);
            }
        }
    }

    /** A case's connector generated, compiled and loaded, and a partner of its WSDL listening. */
    private static final class Deployment implements AutoCloseable {
        private final Path work;
        private final URLClassLoader loader;
        private final SoapConnector<?, ?, ?> connector;
        private final RecordingPartner partner;
        private final String busUri = BusUnderTest.EMBEDDED.uri();

        private Deployment(Path work, URLClassLoader loader, SoapConnector<?, ?, ?> connector, RecordingPartner partner) {
            this.work = work;
            this.loader = loader;
            this.connector = connector;
            this.partner = partner;
        }

        static Deployment of(Path input, Path work) throws Exception {
            CompiledWsdls wsdls = new CompiledWsdls(4);
            CompilationResult result = new EssCompiler(input, wsdls)
                    .compile(input, work.resolve("src"), work.resolve("res"), "corpus");
            assertEquals(List.of(), result.errors().stream().map(Diagnostic::render).toList());
            Path classes = work.resolve("classes");
            List<Path> connectors;
            try (Stream<Path> files = Files.walk(work.resolve("src/corpus"))) {
                connectors = files.filter(file -> file.toString().endsWith("Connector.java")).toList();
            }
            assertEquals(List.of(), StrictJavac.compile(work.resolve("src/corpus/soap"), connectors, classes));
            Manifest manifest = manifest(input);
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.resolve("classes").toUri().toURL(),
                    classes.resolve("stub-classes").toUri().toURL(), work.resolve("res").toUri().toURL()},
                    CorpusEndToEndTest.class.getClassLoader());
            PartnerService service = partner(input, manifest, wsdls);
            PartnerPort port = manifest.port().flatMap(name -> service.port(name.value()))
                    .orElseGet(() -> service.defaultPort().orElseThrow());
            PartnerOperation operation = port.operation(manifest.operation().orElseThrow().value()).orElseThrow();
            RecordingPartner partner = RecordingPartner.start(WsdlSchema.of(service.wsdl()), operation.responseElement(),
                    port.soap12());
            return new Deployment(work, loader, connector(loader), partner);
        }

        /** Publishes with confirms to the connector's queue, declared first so nothing is lost before it starts. */
        void publish(List<String> events) throws Exception {
            try (BusConnection bus = BusConnection.open(busUri, "corpus-publisher")) {
                Channel channel = bus.openChannel();
                channel.confirmSelect();
                Topology.declareIntake(channel, connector.spec());
                channel.queuePurge(connector.spec().queue());
                for (String event : events) {
                    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                            .messageId(UUID.randomUUID().toString()).deliveryMode(2).contentType("application/json").build();
                    channel.basicPublish(Topology.EVENTS_EXCHANGE, routingKey(connector.spec().listenTopic()), properties,
                            event.getBytes(StandardCharsets.UTF_8));
                }
                channel.waitForConfirmsOrDie(10_000);
            }
        }

        ConnectorRuntime start() {
            RuntimeConfig config = RuntimeConfig.builder(busUri)
                    .targetUrl(partner.address())
                    .database(work.resolve("ess.db").toString())
                    .build();
            return ConnectorRuntime.start(connector, config);
        }

        @Override
        public void close() throws Exception {
            partner.close();
            loader.close();
        }
    }

    /** A routing key the topic pattern matches: each wildcard stands for one word. */
    private static String routingKey(String topic) {
        return topic.replace("*", "x").replace("#", "x");
    }

    private static SoapConnector<?, ?, ?> connector(ClassLoader loader) throws Exception {
        Path registration = Path.of(((URLClassLoader) loader).getURLs()[2].toURI()).resolve(EssCompiler.SERVICES_FILE);
        // The connector registered by the compilation: one per case.
        String name = Files.readAllLines(registration).get(0).strip();
        return (SoapConnector<?, ?, ?>) loader.loadClass(name).getConstructor().newInstance();
    }

    /** The case's one manifest. */
    private static Manifest manifest(Path input) throws Exception {
        Path file;
        try (Stream<Path> files = Files.list(input)) {
            file = files.filter(path -> path.toString().endsWith(".yml")).findFirst().orElseThrow();
        }
        return new ManifestLoader(new Diagnostics(input)).load(file).orElseThrow();
    }

    /** The compiled WSDL of the manifest, from the cache its compilation filled. */
    private static PartnerService partner(Path input, Manifest manifest, CompiledWsdls wsdls) {
        Path wsdl = manifest.resolve(manifest.wsdl().orElseThrow());
        String stubPackage = Names.stubPackage("corpus", input.toAbsolutePath().normalize().relativize(wsdl));
        return new PartnerCompiler(new Diagnostics(input), wsdls).compile(wsdl, input, Position.of(wsdl), stubPackage)
                .orElseThrow();
    }

    /**
     * The text at a path of local names below the request's body element ({@code Site/Street},
     * {@code Item[1]/SKU}, {@code @status}), or below a header ({@code Header/Audit/User}).
     */
    static String text(RecordingPartner.Request request, String path) {
        if (path.startsWith("Header/")) {
            String rest = path.substring("Header/".length());
            String header = rest.substring(0, rest.indexOf('/'));
            return request.headers().stream().filter(element -> header.equals(element.getLocalName())).findFirst()
                    .map(element -> text(element, rest.substring(header.length() + 1))).orElse(null);
        }
        return text(request.body(), path);
    }

    private static String text(Element root, String path) {
        Element current = root;
        String[] steps = path.split("/");
        for (int s = 0; s < steps.length; s++) {
            String step = steps[s];
            if (step.startsWith("@")) {
                return current.hasAttribute(step.substring(1)) ? current.getAttribute(step.substring(1)) : null;
            }
            int index = 0;
            if (step.endsWith("]")) {
                index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                step = step.substring(0, step.indexOf('['));
            }
            Element next = null;
            int seen = 0;
            for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && step.equals(element.getLocalName()) && seen++ == index) {
                    next = element;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current.getTextContent();
    }

    private static Map<String, String> expect(String... pathsAndValues) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            expected.put(pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return expected;
    }
}
