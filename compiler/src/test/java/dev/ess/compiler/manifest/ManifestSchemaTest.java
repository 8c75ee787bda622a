package dev.ess.compiler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ess.compiler.TestFiles;
import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The manifest's JSON Schema is published as generated, and an editor checking with it agrees with the compiler. */
class ManifestSchemaTest {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(ManifestSchema.json());

    private static final String STORY = """
            id: city2dmv
            listen_topic: "permits.changed"
            target_url:  "https://dmv.state.gov/soap/permits"
            fields: ["permit_id","street","truck_limit"]
            heartbeat_sec: 30
            """;

    @TempDir
    Path folder;

    @Test
    void thePublishedSchemaIsTheDeclarations() throws Exception {
        Path published = Path.of("..", ManifestSchema.FILE).toAbsolutePath().normalize();
        Path fresh = Files.writeString(Path.of("target", "ess-manifest.schema.json"), ManifestSchema.json());

        assertEquals(ManifestSchema.json(), Files.readString(published),
                "the manifest keys changed: copy " + fresh.toAbsolutePath() + " to " + ManifestSchema.FILE);
    }

    @Test
    void theSamplesManifestIsValid() throws Exception {
        String sample = TestFiles.read(TestFiles.resource("city2dmv/dmv_manifest.yml"));

        assertEquals(Set.of(), SCHEMA.validate(json(sample)));
    }

    /** Each manifest is the story's with one line added or changed; the schema and the loader agree on it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "the story's manifest               |                                                | true",
        "every optional key                 | key: street\\nmax_retry: 0\\nparallelism: 8\\npartitions: 2\\ndebounce_sec: 2\\nreplay_window: 90m\\ndelta: true\\nping_url: ${env:PING} | true",
        "a replay window in minutes         | replay_window: 45                              | true",
        "a partner URL from the environment | target_url: ${env:DMV_URL}                     | true",
        "an unknown key                     | listen_topc: permits.changed                   | false",
        "no heartbeat                       | heartbeat_sec: 0                               | false",
        "a field twice                      | fields: [permit_id, permit_id]                 | false",
        "an id starting with a digit        | id: 2dmv                                       | false",
        "an empty word in the topic         | listen_topic: permits..changed                 | false",
        "a replay window in words           | replay_window: 15 minutes                      | false",
        "delta as a word                    | delta: sometimes                               | false",
        "a partner over FTP                 | target_url: ftp://dmv.state.gov/permits        | false",
        "a port without a WSDL              | port: PermitPort                               | false",
        "parallelism as a text              | parallelism: four                              | false",
    })
    void theSchemaAgreesWithTheCompiler(String name, String change, boolean valid) throws Exception {
        String manifest = changed(STORY, change == null ? "" : change.replace("\\n", "\n"));
        Diagnostics diagnostics = new Diagnostics(folder);
        new ManifestLoader(diagnostics).load(TestFiles.write(folder, "m.yml", manifest));
        Set<ValidationMessage> schemaErrors = SCHEMA.validate(json(manifest));

        assertEquals(valid, diagnostics.all().isEmpty(), () -> name + ": the compiler says "
                + diagnostics.all().stream().map(Diagnostic::headline).toList());
        assertEquals(valid, schemaErrors.isEmpty(), () -> name + ": the schema says " + schemaErrors);
    }

    /** The story's manifest with each line of {@code change} replacing the line of its key, or added. */
    private static String changed(String manifest, String change) {
        String result = manifest;
        for (String line : change.lines().toList()) {
            String key = line.substring(0, line.indexOf(':') + 1);
            String replaced = String.join("\n", result.lines()
                    .map(existing -> existing.startsWith(key) ? line : existing).toList()) + "\n";
            result = replaced.equals(result) ? result + line + "\n" : replaced;
        }
        return result;
    }

    private static JsonNode json(String yaml) {
        Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return new ObjectMapper().valueToTree(value);
    }
}
