package dev.ess.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the city2dmv sample once (wsimport takes a second) and checks what it wrote. */
class GoldenTest {

    private static final String BASE_PACKAGE = "dev.ess.samples";

    @TempDir
    static Path output;

    private static CompilationResult first;

    @BeforeAll
    static void compileTheSample() throws IOException {
        first = compile();
    }

    @Test
    void theConnectorMatchesTheGoldenFile() throws IOException {
        assertEquals(List.of(), first.diagnostics());
        Path connector = sources().resolve("dev/ess/samples/city2dmv/City2dmvConnector.java");
        assertEquals(
                TestFiles.read(TestFiles.resource("golden/City2dmvConnector.java")),
                Files.readString(connector),
                "to accept a deliberate change, copy " + connector + " to src/test/resources/golden");
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
        Path fees = output.resolve("fees");
        CompilationResult result = new EssCompiler().compile(TestFiles.resource("fees"), fees.resolve("src"),
                fees.resolve("res"), BASE_PACKAGE);

        assertEquals(List.of(), result.diagnostics());
        Path connector = fees.resolve("src/dev/ess/samples/county_fees/CountyFeesConnector.java");
        assertEquals(
                TestFiles.read(TestFiles.resource("golden/CountyFeesConnector.java")),
                Files.readString(connector),
                "to accept a deliberate change, copy " + connector + " to src/test/resources/golden");
        String portType = Files.readString(fees.resolve("src/dev/ess/samples/soap/fees/FeePortType.java"));
        assertTrue(portType.contains("public PayFeeResponse payFee("), portType);
    }

    @Test
    void aSecondRunWithNothingChangedWritesNothing() throws IOException {
        CompilationResult second = compile();

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
}
