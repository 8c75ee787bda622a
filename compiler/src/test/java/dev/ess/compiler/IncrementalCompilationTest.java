package dev.ess.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.compiler.partner.CompiledWsdls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One project of two connectors over two WSDLs, changed between runs the way a user changes it. */
class IncrementalCompilationTest {

    private static final String CONNECTOR = "dev/ess/samples/city2dmv/City2dmvConnector.java";
    private static final String FEES_CONNECTOR = "dev/ess/samples/county_fees/CountyFeesConnector.java";
    private static final String SERVICES = "META-INF/services/dev.ess.runtime.SoapConnector";

    @TempDir
    Path project;

    /** This test's own: the counts of wsimport runs must not depend on what other tests compiled. */
    private final CompiledWsdls compiledWsdls = new CompiledWsdls(8);
    private Path input;
    private Path sources;
    private Path resources;

    @BeforeEach
    void twoConnectorsOverTwoWsdls() throws IOException {
        input = project.resolve("src/main/ess");
        sources = project.resolve("target/generated-sources/ess");
        resources = project.resolve("target/generated-resources/ess");
        copy("city2dmv", "dmv_manifest.yml", "city2dmv.essmap", "dmv.wsdl");
        copy("fees", "fees.yml", "fees.essmap", "fees.wsdl");
        CompilationResult first = compile();
        assertEquals(List.of(), first.diagnostics());
        assertEquals(2, first.wsdlsImported());
    }

    @Test
    void aChangedMappingRewritesOnlyItsConnectorAndReusesTheCompiledWsdls() throws IOException {
        Files.writeString(input.resolve("city2dmv.essmap"),
                "permit_id -> Permit/ID\nstreet | upper -> Permit/Street\ntruck_limit -> Permit/TruckLimit\n");

        CompilationResult second = compile();

        assertEquals(List.of(), second.diagnostics());
        assertFalse(second.upToDate());
        assertEquals(0, second.wsdlsImported());
        assertEquals(List.of(sources.resolve(CONNECTOR)), second.changedFiles());
        assertTrue(Files.readString(sources.resolve(CONNECTOR)).contains("toUpperCase"));
    }

    @Test
    void aChangedWsdlIsImportedAgainAndTheOtherIsNot() throws IOException {
        Path wsdl = input.resolve("fees.wsdl");
        Files.writeString(wsdl, Files.readString(wsdl).replace("<types>", "<!-- a partner's edit -->\n  <types>"));

        CompilationResult second = compile();

        assertEquals(List.of(), second.diagnostics());
        assertEquals(1, second.wsdlsImported());
        assertEquals(List.of(resources.resolve("dev/ess/samples/soap/fees/fees.wsdl")), second.changedFiles());
    }

    @Test
    void aRemovedManifestRemovesItsConnectorStubsAndRegistration() throws IOException {
        Files.delete(input.resolve("fees.yml"));

        CompilationResult second = compile();

        assertEquals(List.of(), second.diagnostics());
        assertFalse(Files.exists(sources.resolve(FEES_CONNECTOR)));
        assertFalse(Files.exists(sources.resolve("dev/ess/samples/soap/fees/FeePortType.java")));
        assertFalse(Files.exists(resources.resolve("dev/ess/samples/soap/fees/fees.wsdl")));
        assertTrue(Files.exists(sources.resolve(CONNECTOR)));
        assertEquals("dev.ess.samples.city2dmv.City2dmvConnector\n", Files.readString(resources.resolve(SERVICES)));
    }

    @Test
    void aWsdlOutsideTheInputFolderIsWatchedToo() throws IOException {
        Path shared = TestFiles.write(project, "shared/dmv.wsdl", TestFiles.read(input.resolve("dmv.wsdl")));
        Files.delete(input.resolve("dmv.wsdl"));
        Path manifest = input.resolve("dmv_manifest.yml");
        Files.writeString(manifest, Files.readString(manifest).replace("wsdl: dmv.wsdl", "wsdl: ../../../shared/dmv.wsdl"));
        assertEquals(List.of(), compile().diagnostics());
        assertTrue(compile().upToDate());

        Files.writeString(shared, Files.readString(shared).replace("<types>", "<!-- moved -->\n  <types>"));
        CompilationResult afterTheChange = compile();

        assertFalse(afterTheChange.upToDate());
        assertEquals(1, afterTheChange.wsdlsImported());
    }

    @Test
    void aChangedPackageMovesEveryOutput() throws IOException {
        CompilationResult second = new EssCompiler(null, compiledWsdls).compile(input, sources, resources, "org.example.sync");

        assertEquals(List.of(), second.diagnostics());
        assertEquals(2, second.wsdlsImported());
        assertTrue(Files.exists(sources.resolve("org/example/sync/city2dmv/City2dmvConnector.java")));
        assertFalse(Files.exists(sources.resolve(CONNECTOR)));
        assertFalse(Files.exists(sources.resolve("dev/ess/samples/soap/dmv/Permit.java")));
    }

    @Test
    void aDeletedOutputIsWrittenAgain() throws IOException {
        Files.delete(sources.resolve(CONNECTOR));

        CompilationResult second = compile();

        assertFalse(second.upToDate());
        assertEquals(List.of(sources.resolve(CONNECTOR)), second.changedFiles());
    }

    @Test
    void removingTheOutputsLeavesOtherFilesAlone() throws IOException {
        Path own = TestFiles.write(sources, "dev/ess/samples/Handwritten.java", "package dev.ess.samples;\n");

        List<Path> removed = EssCompiler.removeOutputs(sources, resources);

        assertTrue(removed.contains(sources.resolve(CONNECTOR)), removed.toString());
        assertTrue(removed.contains(resources.resolve(SERVICES)), removed.toString());
        assertFalse(Files.exists(sources.resolve(CONNECTOR)));
        assertFalse(Files.exists(sources.resolve(InputStamp.FILE)));
        assertTrue(Files.exists(own));
    }

    /** The same WSDL file name in two folders: two stub packages, nothing generated twice. */
    @Test
    void twoWsdlsOfTheSameNameGetPackagesOfTheirOwn() throws IOException {
        Path other = project.resolve("other");
        for (String folder : List.of("north", "south")) {
            for (String name : List.of("city2dmv.essmap", "dmv.wsdl")) {
                TestFiles.write(other.resolve(folder), name, TestFiles.read(TestFiles.resource("city2dmv/" + name)));
            }
            TestFiles.write(other.resolve(folder), "manifest.yml", TestFiles.read(
                    TestFiles.resource("city2dmv/dmv_manifest.yml")).replace("id: city2dmv", "id: dmv-" + folder));
        }

        CompilationResult result = new EssCompiler(null, compiledWsdls).compile(other, project.resolve("out/src"),
                project.resolve("out/res"), "dev.ess.samples");

        assertEquals(List.of(), result.diagnostics());
        for (String folder : List.of("north", "south")) {
            String stubs = "dev/ess/samples/soap/" + folder + "/dmv/";
            assertTrue(Files.exists(project.resolve("out/src/" + stubs + "PermitService.java")), folder);
            assertTrue(Files.exists(project.resolve("out/res/" + stubs + "dmv.wsdl")), folder);
            String connector = Files.readString(project.resolve(
                    "out/src/dev/ess/samples/dmv_" + folder + "/Dmv" + capitalized(folder) + "Connector.java"));
            assertTrue(connector.contains("import dev.ess.samples.soap." + folder + ".dmv.PermitService;"), connector);
        }
    }

    private CompilationResult compile() throws IOException {
        return new EssCompiler(null, compiledWsdls).compile(input, sources, resources, "dev.ess.samples");
    }

    private void copy(String folder, String... names) {
        for (String name : names) {
            TestFiles.write(input, name, TestFiles.read(TestFiles.resource(folder + "/" + name)));
        }
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
