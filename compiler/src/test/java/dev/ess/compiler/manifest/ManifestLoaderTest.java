package dev.ess.compiler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.compiler.TestFiles;
import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    @TempDir
    Path folder;

    private Diagnostics diagnostics;

    @BeforeEach
    void freshDiagnostics() {
        diagnostics = new Diagnostics(folder);
    }

    @Test
    void theStorysManifestLoadsAsWritten() {
        Optional<Manifest> manifest = load("""
                # dmv_manifest.yml
                id: city2dmv
                listen_topic: "permits.changed"
                target_url:  "https://dmv.state.gov/soap/permits"
                fields: ["permit_id","street","truck_limit"]
                heartbeat_sec: 30
                """);

        assertEquals(List.of(), errors());
        Manifest loaded = manifest.orElseThrow();
        assertEquals("city2dmv", loaded.id().value());
        assertEquals("permits.changed", loaded.listenTopic().value());
        assertEquals("https://dmv.state.gov/soap/permits", loaded.value(ManifestKeys.TARGET_URL).orElseThrow().value());
        assertEquals(List.of("permit_id", "street", "truck_limit"), loaded.fieldNames());
        assertEquals(30, loaded.value(ManifestKeys.HEARTBEAT_SEC).orElseThrow().value());
        assertEquals("permit_id", loaded.orderKey());
        assertEquals(3, loaded.listenTopic().position().line());
        assertEquals(15, loaded.listenTopic().position().column());
    }

    @Test
    void theSampleManifestLoads() {
        Diagnostics diagnostics = new Diagnostics(null);
        Manifest manifest = new ManifestLoader(diagnostics)
                .load(TestFiles.resource("city2dmv/dmv_manifest.yml"))
                .orElseThrow();

        assertEquals(List.of(), diagnostics.all());
        assertEquals("dmv.wsdl", manifest.wsdl().orElseThrow().value());
        assertEquals("submitPermit", manifest.operation().orElseThrow().value());
        assertEquals(new MappingSource.File("city2dmv.essmap"), manifest.mapping().orElseThrow().value());
    }

    @Test
    void optionalKeysAreRead() {
        Manifest manifest = load("""
                id: county-tax
                listen_topic: parcels.#
                target_url: ${env:COUNTY_URL}
                fields: [parcel_id, owner.name]
                key: owner.name
                max_retry: 0
                parallelism: 4
                partitions: 8
                debounce_sec: 2
                replay_window: 2h
                delta: true
                ping_url: http://county.example/health
                """).orElseThrow();

        assertEquals(List.of(), errors());
        assertEquals("owner.name", manifest.orderKey());
        assertEquals(0, manifest.value(ManifestKeys.MAX_RETRY).orElseThrow().value());
        assertEquals(4, manifest.value(ManifestKeys.PARALLELISM).orElseThrow().value());
        assertEquals(8, manifest.value(ManifestKeys.PARTITIONS).orElseThrow().value());
        assertEquals(2, manifest.value(ManifestKeys.DEBOUNCE_SEC).orElseThrow().value());
        assertEquals(Duration.ofHours(2), manifest.value(ManifestKeys.REPLAY_WINDOW).orElseThrow().value());
        assertEquals(true, manifest.value(ManifestKeys.DELTA).orElseThrow().value());
    }

    @Test
    void environmentReferencesAreKeptAsWrittenForTheRuntime() {
        Manifest manifest = load("""
                id: county-tax
                listen_topic: parcels.#
                target_url: "https://${env:COUNTY_HOST}/soap?user=clerk&password=${env:COUNTY_PASSWORD}"
                ping_url: ${env:COUNTY_PING}
                fields: [parcel_id]
                """).orElseThrow();

        assertEquals(List.of(), errors());
        assertEquals("https://${env:COUNTY_HOST}/soap?user=clerk&password=${env:COUNTY_PASSWORD}",
                manifest.value(ManifestKeys.TARGET_URL).orElseThrow().value());
        assertEquals("${env:COUNTY_PING}", manifest.value(ManifestKeys.PING_URL).orElseThrow().value());
    }

    @Test
    void namedFilesAreResolvedRelativeToTheManifest() {
        TestFiles.write(folder, "partner/tax.wsdl", "<definitions/>");
        TestFiles.write(folder, "partner/tax.essmap", "parcel_id -> Tax/ID");
        TestFiles.write(folder, "partner/records/tax.cpy", "01 TAX-RECORD.");
        Diagnostics diagnostics = new Diagnostics(folder);
        Manifest manifest = new ManifestLoader(diagnostics).load(TestFiles.write(folder, "partner/tax.yml", """
                id: county-tax
                listen_topic: parcels.#
                target_url: https://county.example/soap
                fields: [parcel_id]
                wsdl: tax.wsdl
                operation: payTax
                mapping: ./tax.essmap
                copybook: records/tax.cpy
                """)).orElseThrow();

        assertEquals(List.of(), diagnostics.all());
        assertEquals(folder.resolve("partner/records/tax.cpy").toAbsolutePath(),
                manifest.resolve(manifest.copybook().orElseThrow().value()));
        assertEquals(new MappingSource.File("./tax.essmap"), manifest.mapping().orElseThrow().value());
    }

    @Test
    void anInlineMappingKeepsTheManifestsLinesAndColumns() {
        Manifest manifest = load("""
                id: city2dmv
                listen_topic: "permits.changed"
                target_url: "https://dmv.state.gov/soap/permits"
                fields: [permit_id, street]
                mapping: |
                  permit_id -> Permit/ID   # one a line
                    street  -> Permit/Street
                heartbeat_sec: 30
                """).orElseThrow();

        assertEquals(List.of(), errors());
        assertEquals(new MappingSource.Inline("\n\n\n\n\n  permit_id -> Permit/ID   # one a line\n    street  -> Permit/Street\n"),
                manifest.mapping().orElseThrow().value());
        assertEquals(5, manifest.mapping().orElseThrow().position().line());
        assertEquals(30, manifest.value(ManifestKeys.HEARTBEAT_SEC).orElseThrow().value());
    }

    @Test
    void mappingLinesOutsideALiteralBlockAreAnError() {
        load("""
                id: city2dmv
                listen_topic: "permits.changed"
                target_url: "https://dmv.state.gov/soap/permits"
                fields: [permit_id]
                mapping: permit_id -> Permit/ID
                """);

        assertEquals(List.of("""
                m.yml:5:10: error: [ESS014] 'mapping' must be a file name, or mapping lines in a literal block, \
                found mapping lines outside one
                mapping: permit_id -> Permit/ID
                         ^
                  hint: write 'mapping: |' and the mapping's lines below it, indented"""), errors());
    }

    @Test
    void aRecursiveAliasIsReadWithoutLooping() {
        load("""
                id: city2dmv
                listen_topic: "permits.changed"
                target_url: "https://dmv.state.gov/soap/permits"
                fields: &loop [permit_id, *loop]
                """);

        assertEquals(List.of("m.yml:4:9: error: [ESS014] 'fields' must be field names like permit_id or owner.name,"
                + " found a list"), headlines());
    }

    @Test
    void anUnknownKeyGetsDidYouMean() {
        load("""
                id: city2dmv
                listen_topc: "permits.changed"
                target_url: "https://dmv.state.gov/soap/permits"
                fields: ["permit_id"]
                """);

        assertEquals(List.of("""
                m.yml:2:1: error: [ESS012] unknown key 'listen_topc'
                listen_topc: "permits.changed"
                ^
                  hint: did you mean 'listen_topic'?"""), errors());
    }

    @Test
    void everyProblemOfTheFileIsReported() {
        load("""
                id: 2dmv
                listen_topic: "permits.changed"
                target_url: dmv.state.gov
                fields: [permit_id, street, permit_id]
                heartbeat_sec: 0
                key: stret
                key: street
                """);

        assertEquals(List.of(
                "m.yml:1:5: error: [ESS018] id '2dmv' must start with a letter and hold only letters, digits, '_' and '-'",
                "m.yml:3:13: error: [ESS014] 'target_url' must be an http(s) URL or ${env:NAME}, found 'dmv.state.gov'",
                "m.yml:4:29: error: [ESS017] field 'permit_id' is listed twice",
                "m.yml:5:16: error: [ESS014] 'heartbeat_sec' must be a positive whole number of seconds, found the number 0",
                "m.yml:6:6: error: [ESS016] key 'stret' is not one of the fields",
                "m.yml:7:1: error: [ESS015] duplicate key 'key', first given at line 6"),
                headlines());
    }

    @Test
    void aManifestWithErrorsStillComesBackWhenItsIdAndFieldsAreRead() {
        Manifest manifest = load("""
                id: city2dmv
                listen_topic: "permits.changed"
                target_url: "https://dmv.state.gov/soap/permits"
                fields: [permit_id]
                max_retry: many
                delta: sometimes
                """).orElseThrow();

        assertEquals(List.of(
                "m.yml:5:12: error: [ESS014] 'max_retry' must be a whole number, 0 or more, found 'many'",
                "m.yml:6:8: error: [ESS014] 'delta' must be true or false, found 'sometimes'"), headlines());
        assertFalse(manifest.errorFree());
        assertEquals(List.of("permit_id"), manifest.fieldNames());
    }

    @Test
    void keysThatNeedOthersAreReportedWhereTheyStand() {
        TestFiles.write(folder, "dmv.wsdl", "<definitions/>");
        load("""
                id: city2dmv
                listen_topic: "permits.changed"
                target_url: "https://dmv.state.gov/soap/permits"
                fields: [permit_id]
                wsdl: dmv.wsdl
                port: PermitPort
                """);

        assertEquals(List.of("""
                m.yml:5:1: error: [ESS013] missing required key 'operation'
                wsdl: dmv.wsdl
                ^
                  hint: 'wsdl' needs 'operation: submitPermit'""", """
                m.yml:5:1: error: [ESS013] missing required key 'mapping'
                wsdl: dmv.wsdl
                ^
                  hint: 'wsdl' needs 'mapping: partner.essmap'"""), errors());
    }

    @Test
    void missingKeysAreReportedAtTheStartWithAnExample() {
        load("""
                id: city2dmv
                fields: [permit_id]
                """);

        assertEquals(List.of(
                "m.yml:1:1: error: [ESS013] missing required key 'listen_topic'",
                "m.yml:1:1: error: [ESS013] missing required key 'target_url'"), headlines());
        assertEquals("add 'target_url: \"https://partner.example/soap\"'", diagnostics.all().get(1).hint());
    }

    @Test
    void brokenYamlIsLocated() {
        load("""
                id: city2dmv
                fields: [permit_id
                """);

        assertEquals(1, diagnostics.all().size());
        assertTrue(headlines().get(0).startsWith("m.yml:3:1: error: [ESS010] malformed YAML: "), headlines().get(0));
    }

    @Test
    void aMissingFileIsReported() {
        new ManifestLoader(diagnostics).load(folder.resolve("absent.yml"));

        assertEquals(List.of("absent.yml: error: [ESS001] file not found: absent.yml"), headlines());
    }

    @Test
    void binaryGarbageIsADiagnostic() {
        TestFiles.write(folder, "m.yml", "\u0000\u0001\u0002garbage");
        new ManifestLoader(diagnostics).load(folder.resolve("m.yml"));

        assertEquals(1, diagnostics.all().size());
        assertTrue(headlines().get(0).startsWith("m.yml"), headlines().get(0));
    }

    /** The size limit counts the whole file, however it is cut into documents that the YAML reader counts apart. */
    @Test
    void aManifestOverThreeMegabytesIsRefusedWhole() throws Exception {
        String comment = "# " + "x".repeat(2 * 1024 * 1024) + "\n";
        Path file = TestFiles.write(folder, "m.yml", """
                id: city2dmv
                listen_topic: "permits.changed"
                target_url: "https://dmv.state.gov/soap/permits"
                fields: ["permit_id"]
                ...
                """ + comment + "...\n" + comment);

        assertTrue(new ManifestLoader(diagnostics).load(file).isEmpty());
        assertEquals(List.of("m.yml: error: [ESS002] cannot read m.yml: it holds " + Files.size(file)
                + " bytes, more than the 3 MB (3145728 bytes) a manifest may hold"), headlines());
    }

    private Optional<Manifest> load(String yaml) {
        diagnostics = new Diagnostics(folder);
        return new ManifestLoader(diagnostics).load(TestFiles.write(folder, "m.yml", yaml));
    }

    private List<String> errors() {
        return diagnostics.all().stream().map(Diagnostic::render).toList();
    }

    private List<String> headlines() {
        return diagnostics.all().stream().map(Diagnostic::headline).toList();
    }

}
