package dev.ess.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.compiler.CorpusEndToEndCases.Case;
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
import dev.ess.runtime.RuntimeStartException;
import dev.ess.runtime.SoapConnector;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.store.JournalEntry;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.testing.BusUnderTest;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Real partners' WSDLs end to end: ESS generates the connector, javac compiles it, the runtime
 * runs it on the embedded broker, events are published to {@code hms.events}, and a JAX-WS
 * endpoint of the same WSDL checks every request against the partner's schema and holds the
 * mapped values.
 */
class CorpusEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** What ESS gets wrong on a case today, exactly as {@link #problems} lists it: asserted until it is fixed. */
    private static final Map<String, List<String>> KNOWN_FAILURES = Map.of();

    @TempDir
    Path work;

    @AfterAll
    static void stopTheBroker() {
        BusUnderTest.stopEmbedded();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ess.compiler.CorpusEndToEndCases#cases")
    void eventsReachAnEndpointOfTheSameWsdlAsSchemaValidRequests(Case testCase) throws Exception {
        List<String> problems = problems(testCase);
        if (KNOWN_FAILURES.containsKey(testCase.folder())) {
            assertEquals(KNOWN_FAILURES.get(testCase.folder()), problems,
                    "what goes wrong with " + testCase + " changed; if it is fixed, take the case off KNOWN_FAILURES");
        } else {
            assertEquals(List.of(), problems);
        }
    }

    /**
     * Everything that differs from what the case expects: a connector that cannot start, a request
     * the partner's schema refuses, an event not sent, a value not as expected.
     */
    private List<String> problems(Case testCase) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Deployment deployment = Deployment.of(TestFiles.resource(testCase.folder()), work)) {
            List<String> eventIds = deployment.publish(testCase.events());
            ConnectorRuntime runtime;
            try {
                runtime = deployment.start();
            } catch (RuntimeStartException e) {
                return List.of(e.getMessage());
            }
            try (runtime) {
                List<JournalEntry> outcome = outcome(runtime, eventIds);
                List<RecordingPartner.Request> received = deployment.partner.received();
                deployment.partner.refused().forEach(refused -> problems.add("the partner's schema refuses " + refused));
                for (int i = 0; i < outcome.size(); i++) {
                    JournalEntry entry = outcome.get(i);
                    if (entry == null || entry.status() != JournalStatus.SENT) {
                        problems.add("event " + (i + 1) + ": " + (entry == null ? "not journalled"
                                : entry.status() + " after " + entry.attempts() + " attempts: " + entry.lastError()));
                    }
                }
                for (int i = 0; i < received.size() && i < testCase.expected().size(); i++) {
                    for (Map.Entry<String, String> value : testCase.expected().get(i).entrySet()) {
                        String expected = value.getValue();
                        String actual;
                        if (expected != null && expected.startsWith(CorpusEndToEndCases.QNAME)) {
                            expected = expected.substring(CorpusEndToEndCases.QNAME.length());
                            actual = qualifiedName(received.get(i), value.getKey());
                        } else {
                            actual = text(received.get(i), value.getKey());
                        }
                        if (!Objects.equals(expected, actual)) {
                            problems.add("request " + (i + 1) + ", " + value.getKey() + ": expected " + expected + ", sent " + actual);
                        }
                    }
                }
                if (received.size() != testCase.events().size()) {
                    problems.add(received.size() + " requests received, " + testCase.events().size() + " expected");
                }
            }
        }
        return problems;
    }

    /** The journal entry of each event once every one is sent or parked, or the time is up; {@code null} if not journalled. */
    private static List<JournalEntry> outcome(ConnectorRuntime runtime, List<String> eventIds) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<JournalEntry> entries = eventIds.stream()
                    .map(id -> runtime.store().view().find(id).orElse(null)).toList();
            if (entries.stream().allMatch(entry -> entry != null && entry.status() != JournalStatus.RECEIVED)
                    || System.nanoTime() > deadline) {
                return entries;
            }
            Thread.sleep(50);
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
            RecordingPartner partner = RecordingPartner.start(WsdlSchema.of(service.wsdl()),
                    operation.rpc() ? WsdlSchema.rpcBody(service.wsdl(), operation.name()) : null,
                    operation.responseElement(), port.soap12());
            return new Deployment(work, loader, connector(loader), partner);
        }

        /**
         * Publishes with confirms to the connector's queue, declared first so nothing is lost before it
         * starts, and returns the events' ids.
         */
        List<String> publish(List<String> events) throws Exception {
            List<String> ids = new ArrayList<>();
            try (BusConnection bus = BusConnection.open(busUri, "corpus-publisher")) {
                Channel channel = bus.openChannel();
                channel.confirmSelect();
                Topology.declareIntake(channel, connector.spec());
                channel.queuePurge(connector.spec().queue());
                for (String event : events) {
                    ids.add(UUID.randomUUID().toString());
                    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                            .messageId(ids.get(ids.size() - 1)).deliveryMode(2).contentType("application/json").build();
                    channel.basicPublish(Topology.EVENTS_EXCHANGE, routingKey(connector.spec().listenTopic()), properties,
                            event.getBytes(StandardCharsets.UTF_8));
                }
                channel.waitForConfirmsOrDie(10_000);
            }
            return ids;
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
        Path wsdl = manifest.resolve(manifest.wsdl().orElseThrow().value());
        String stubPackage = Names.stubPackage("corpus", input.toAbsolutePath().normalize().relativize(wsdl));
        return new PartnerCompiler(new Diagnostics(input), wsdls).compile(wsdl, input, Position.of(wsdl), stubPackage)
                .orElseThrow();
    }

    /**
     * The text at a path of local names below the request's body element ({@code Site/Street},
     * {@code Item[1]/SKU} for the second {@code Item}, {@code @status}), or below a header
     * ({@code Header/Audit/User}); {@code null} where there is no such element or attribute.
     */
    static String text(RecordingPartner.Request request, String path) {
        Node found = find(request, path);
        return found == null ? null : found.getTextContent();
    }

    /** An {@code xs:QName} at a path, its prefix resolved where it stands: {@code {urn:x}name}. */
    static String qualifiedName(RecordingPartner.Request request, String path) {
        Node found = find(request, path);
        if (found == null) {
            return null;
        }
        String text = found.getTextContent().strip();
        int colon = text.indexOf(':');
        String namespace = found.lookupNamespaceURI(colon < 0 ? null : text.substring(0, colon));
        String localName = text.substring(colon + 1);
        return namespace == null || namespace.isEmpty() ? localName : "{" + namespace + "}" + localName;
    }

    private static Node find(RecordingPartner.Request request, String path) {
        if (path.startsWith("Header/")) {
            String[] headerAndRest = path.substring("Header/".length()).split("/", 2);
            return request.headers().stream().filter(element -> headerAndRest[0].equals(element.getLocalName())).findFirst()
                    .map(element -> headerAndRest.length == 1 ? element : find(element, headerAndRest[1])).orElse(null);
        }
        return find(request.body(), path);
    }

    private static Node find(Element root, String path) {
        Element current = root;
        for (String step : path.split("/")) {
            if (step.startsWith("@")) {
                // By local name: Axis2's schemas qualify their attributes.
                NamedNodeMap attributes = current.getAttributes();
                for (int a = 0; a < attributes.getLength(); a++) {
                    Node attribute = attributes.item(a);
                    if (step.substring(1).equals(attribute.getLocalName())
                            && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                        return attribute;
                    }
                }
                return null;
            }
            int index = 0;
            String name = step;
            if (step.endsWith("]")) {
                index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                name = step.substring(0, step.indexOf('['));
            }
            Element next = null;
            int seen = 0;
            for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && name.equals(element.getLocalName()) && seen++ == index) {
                    next = element;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }
}
