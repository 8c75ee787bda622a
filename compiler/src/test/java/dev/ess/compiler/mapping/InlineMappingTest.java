package dev.ess.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.compiler.CompilationResult;
import dev.ess.compiler.EssCompiler;
import dev.ess.compiler.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping written in the manifest compiles like a mapping file, and the connector cites the manifest's lines. */
class InlineMappingTest {

    @TempDir
    Path folder;

    @Test
    void theStorysConnectorWithItsMappingInline() throws IOException {
        Files.copy(TestFiles.resource("city2dmv/dmv.wsdl"), folder.resolve("dmv.wsdl"));
        TestFiles.write(folder, "dmv_manifest.yml", """
                id: city2dmv
                listen_topic: "permits.changed"
                target_url:  "https://dmv.state.gov/soap/permits"
                fields: ["permit_id","street","truck_limit"]
                wsdl: dmv.wsdl
                operation: submitPermit
                mapping: |
                  permit_id   -> Permit/ID
                  street      -> Permit/Street
                  truck_limit -> Permit/TruckLimit
                heartbeat_sec: 30
                """);

        CompilationResult result = new EssCompiler(folder).compile(folder, folder.resolve("src"), folder.resolve("res"), "test");

        assertEquals(List.of(), result.diagnostics());
        Path connector = folder.resolve("src/test/city2dmv/City2dmvConnector.java");
        String source = TestFiles.read(connector);
        assertTrue(source.contains("// dmv_manifest.yml:8"), source);
        assertTrue(source.contains("// dmv_manifest.yml:10"), source);
    }
}
