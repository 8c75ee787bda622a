package dev.ess.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the city2dmv sample and the fees example once each (wsimport takes a second), checks
 * what they wrote against the golden files, then compiles the golden connectors strictly.
 */
class GoldenTest {

    private static final String BASE_PACKAGE = "dev.ess.samples";

    @TempDir
    static Path output;

    private static CompilationResult first;
    private static CompilationResult fees;
    private static CompilationResult inspections;
    private static CompilationResult orders;

    @BeforeAll
    static void compileTheSample() throws IOException {
        first = compile();
        fees = new EssCompiler().compile(TestFiles.resource("fees"), feesOutput().resolve("src"),
                feesOutput().resolve("res"), BASE_PACKAGE);
        inspections = new EssCompiler().compile(TestFiles.resource("inspections"), inspectionsOutput().resolve("src"),
                inspectionsOutput().resolve("res"), BASE_PACKAGE);
        orders = new EssCompiler().compile(TestFiles.resource("orders"), ordersOutput().resolve("src"),
                ordersOutput().resolve("res"), BASE_PACKAGE);
    }

    @Test
    void theConnectorMatchesTheGoldenFile() throws IOException {
        assertEquals(List.of(), first.diagnostics());
        assertMatchesGolden(sources().resolve("dev/ess/samples/city2dmv/City2dmvConnector.java"),
                "City2dmvConnector.java");
    }

    @Test
    void stubsServiceRegistrationAndWsdlResource() throws IOException {
        for (String stub : List.of("Permit", "PermitAck", "PermitPortType", "PermitRejected", "PermitRejectedFault",
                "PermitService", "ObjectFactory", "package-info")) {
            assertTrue(Files.isRegularFile(sources().resolve("dev/ess/samples/soap/dmv/" + stub + ".java")), stub);
        }
        assertEquals("dev.ess.samples.city2dmv.City2dmvConnector\n",
                Files.readString(resources().resolve("META-INF/services/dev.ess.runtime.SoapConnector")));
        assertEquals(TestFiles.read(TestFiles.resource("city2dmv/dmv.wsdl")),
                Files.readString(resources().resolve("dev/ess/samples/soap/dmv/dmv.wsdl")));
        String service = Files.readString(sources().resolve("dev/ess/samples/soap/dmv/PermitService.java"));
        assertTrue(service.contains("getResource(\"/dev/ess/samples/soap/dmv/dmv.wsdl\")"), service);
    }

    /** Nested elements, every function, constants, defaults, and an operation JAX-WS would unwrap. */
    @Test
    void theFeesConnectorMatchesItsGoldenFile() throws IOException {
        assertEquals(List.of(), fees.diagnostics());
        assertMatchesGolden(feesOutput().resolve("src/dev/ess/samples/county_fees/CountyFeesConnector.java"),
                "CountyFeesConnector.java");
        String portType = Files.readString(feesOutput().resolve("src/dev/ess/samples/soap/fees/FeePortType.java"));
        assertTrue(portType.contains("public PayFeeResponse payFee("), portType);
    }

    /** Dates, date-times, enumerations and optional nillable elements, in the stubs' own types. */
    @Test
    void theInspectionsConnectorMatchesItsGoldenFile() throws IOException {
        assertEquals(List.of(), inspections.diagnostics());
        assertMatchesGolden(inspectionsOutput().resolve("src/dev/ess/samples/city2inspections/City2inspectionsConnector.java"),
                "City2inspectionsConnector.java");
    }

    /** Repeated lines, nested arrays, attributes, simple content, a choice and a SOAP header part. */
    @Test
    void theOrdersConnectorMatchesItsGoldenFile() throws IOException {
        assertEquals(List.of(), orders.diagnostics());
        assertMatchesGolden(ordersOutput().resolve("src/dev/ess/samples/city2orders/City2ordersConnector.java"),
                "City2ordersConnector.java");
    }

    @Test
    void theGoldenConnectorsCompileWithEveryLintCheckAsAnError() throws IOException {
        assertEquals(List.of(), StrictJavac.compile(sources().resolve("dev/ess/samples/soap"),
                List.of(TestFiles.resource("golden/City2dmvConnector.java")), output.resolve("javac-city2dmv")));
        assertEquals(List.of(), StrictJavac.compile(feesOutput().resolve("src/dev/ess/samples/soap"),
                List.of(TestFiles.resource("golden/CountyFeesConnector.java")), output.resolve("javac-fees")));
        assertEquals(List.of(), StrictJavac.compile(inspectionsOutput().resolve("src/dev/ess/samples/soap"),
                List.of(TestFiles.resource("golden/City2inspectionsConnector.java")), output.resolve("javac-inspections")));
        assertEquals(List.of(), StrictJavac.compile(ordersOutput().resolve("src/dev/ess/samples/soap"),
                List.of(TestFiles.resource("golden/City2ordersConnector.java")), output.resolve("javac-orders")));
    }

    /** Same inputs, somewhere else: the same bytes, with '\n' line ends and no date anywhere. */
    @Test
    void theSameInputsGiveTheSameBytesInAnyFolder() throws IOException {
        Path elsewhere = output.resolve("elsewhere/with space");
        for (String name : List.of("dmv_manifest.yml", "city2dmv.essmap", "dmv.wsdl")) {
            TestFiles.write(elsewhere.resolve("in"), name, TestFiles.read(TestFiles.resource("city2dmv/" + name)));
        }
        CompilationResult again = new EssCompiler().compile(elsewhere.resolve("in"), elsewhere.resolve("src"),
                elsewhere.resolve("res"), BASE_PACKAGE);

        assertEquals(List.of(), again.diagnostics());
        Map<String, String> here = contents(sources());
        assertEquals(here, contents(elsewhere.resolve("src")));
        assertEquals(contents(resources()), contents(elsewhere.resolve("res")));
        for (Map.Entry<String, String> file : here.entrySet()) {
            assertFalse(file.getValue().contains("\r"), file.getKey());
            assertFalse(file.getValue().matches("(?s).*\\b20\\d\\d-\\d\\d-\\d\\d.*"), file.getKey());
        }
        assertTrue(here.get("dev/ess/samples/city2dmv/City2dmvConnector.java")
                .contains("@Generated(\"dev.ess.compiler\")\npublic final class City2dmvConnector"));
    }

    @Test
    void aSecondRunWithNothingChangedWritesNothing() throws IOException {
        CompilationResult second = compile();

        assertTrue(second.upToDate());
        assertEquals(0, second.wsdlsImported());
        assertEquals(List.of(), second.changedFiles());
        assertEquals(first.generatedFiles(), second.generatedFiles());
    }

    private static CompilationResult compile() throws IOException {
        return new EssCompiler().compile(TestFiles.resource("city2dmv"), sources(), resources(), BASE_PACKAGE);
    }

    private static Path sources() {
        return output.resolve("generated-sources");
    }

    private static Path resources() {
        return output.resolve("generated-resources");
    }

    private static Path feesOutput() {
        return output.resolve("fees");
    }

    private static Path inspectionsOutput() {
        return output.resolve("inspections");
    }

    private static Path ordersOutput() {
        return output.resolve("orders");
    }

    /** Every generated file below a folder by its relative path, without the run's bookkeeping. */
    static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!relative.startsWith(".ess-")) {
                    files.put(relative, Files.readString(file));
                }
            }
        }
        return files;
    }

    /** The generated file equals its golden copy in {@code src/test/resources/golden}. */
    private static void assertMatchesGolden(Path generated, String golden) throws IOException {
        assertEquals(TestFiles.read(TestFiles.resource("golden/" + golden)), Files.readString(generated),
                "to accept a deliberate change, copy " + generated + " to src/test/resources/golden");
    }
}
