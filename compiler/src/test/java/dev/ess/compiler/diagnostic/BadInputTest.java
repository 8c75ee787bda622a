package dev.ess.compiler.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ess.compiler.CompilationResult;
import dev.ess.compiler.EssCompiler;
import dev.ess.compiler.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind, each replacing one file of a valid connector, and exactly what the
 * user sees: every diagnostic as rendered, and nothing generated.
 */
class BadInputTest {

    private static final List<String> VALID_FILES = List.of("fees.yml", "fees.essmap", "fees.wsdl");

    @TempDir
    Path folder;

    static Stream<Arguments> badInputs() {
        String manifest = TestFiles.read(TestFiles.resource("fees/fees.yml"));
        String mapping = TestFiles.read(TestFiles.resource("fees/fees.essmap"));
        String wsdl = TestFiles.read(TestFiles.resource("fees/fees.wsdl"));
        return Stream.of(
                row("broken yaml", Map.of("fees.yml", "id: county-fees\nfields: [parcel_id\n"),
                        "fees.yml:3:1: error: [ESS010] malformed YAML: expected ',' or ']', but got <stream end>"),
                row("manifest not utf8", Map.of("fees.yml", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41, 0x00, (byte) 0xc3}),
                        "fees.yml:1:1: error: [ESS002] cannot read fees.yml: not UTF-8 text (byte 0xFF)" + "\n"
                        + "\ufffd\ufffdA?\ufffd" + "\n"
                        + "^"),
                row("manifest control chars", Map.of("fees.yml", "id: \u0000\u0001garbage\n"),
                        """
                        fees.yml:1:5: error: [ESS010] malformed YAML: character U+0000 is not allowed in YAML
                        id: ??garbage
                            ^"""),
                row("java tag", Map.of("fees.yml", manifest.replace("target_url: ${env:COUNTY_FEES_URL}",
                                "target_url: !!java.net.URL [\"https://fees.example\"]")),
                        """
                        fees.yml:4:13: error: [ESS021] YAML tag '!!java.net.URL' is not allowed: a manifest holds only text, numbers, booleans, lists and mappings
                        target_url: !!java.net.URL ["https://fees.example"]
                                    ^
                          hint: remove the tag and write the value as text"""),
                row("custom tag", Map.of("fees.yml", manifest.replace("max_retry: 8", "max_retry: !retry 8")),
                        """
                        fees.yml:7:12: error: [ESS021] YAML tag '!retry' is not allowed: a manifest holds only text, numbers, booleans, lists and mappings
                        max_retry: !retry 8
                                   ^
                          hint: remove the tag and write the value as text"""),
                row("empty manifest", Map.of("fees.yml", ""),
                        """
                        fees.yml: error: [ESS011] a manifest must be a mapping of keys to values, found an empty file
                          hint: start with 'id: <connector id>'"""),
                row("list manifest", Map.of("fees.yml", "- id: county-fees\n"),
                        """
                        fees.yml:1:1: error: [ESS011] a manifest must be a mapping of keys to values, found a list
                        - id: county-fees
                        ^"""),
                row("alias bomb", Map.of("fees.yml", aliasBomb()),
                        "fees.yml: error: [ESS010] malformed YAML: Number of aliases for non-scalar nodes exceeds the specified max=50"),
                row("ranges", Map.of("fees.yml", manifest.replace("max_retry: 8", "max_retry: -1\nheartbeat_sec: 0\ndebounce_sec: 1.5")),
                        """
                        fees.yml:7:12: error: [ESS014] 'max_retry' must be a whole number, 0 or more, found the number -1
                        max_retry: -1
                                   ^""",
"""
                        fees.yml:8:16: error: [ESS014] 'heartbeat_sec' must be a positive whole number of seconds, found the number 0
                        heartbeat_sec: 0
                                       ^""",
"""
                        fees.yml:9:15: error: [ESS014] 'debounce_sec' must be a whole number of seconds, 0 or more, found the number 1.5
                        debounce_sec: 1.5
                                      ^"""),
                row("manifest and mapping together", Map.of(
                                "fees.yml", manifest.replace("max_retry: 8", "max_retry: -1"),
                                "fees.essmap", mapping.replace("units     ", "unit      ")),
                        """
                        fees.essmap:6:1: error: [ESS050] unknown field 'unit': not in the manifest's fields
                        unit                           -> payFee/Units
                        ^
                          hint: did you mean 'units'?""",
                        """
                        fees.yml:7:12: error: [ESS014] 'max_retry' must be a whole number, 0 or more, found the number -1
                        max_retry: -1
                                   ^"""),
                row("listen topic", Map.of("fees.yml", manifest.replace("\"parcels.fee.*\"", "\"parcels..fee*\"")),
                        """
                        fees.yml:3:15: error: [ESS014] 'listen_topic' must be words separated by '.', with * and # only \
                        as whole words, found 'parcels..fee*'
                        listen_topic: "parcels..fee*"
                                      ^
                          hint: '*' matches one word and '#' any number of words, for example "permits.*\""""),
                row("unknown key", Map.of("fees.yml", manifest.replace("max_retry: 8", "max_retries: 8\nheartbeat: 30")),
                        """
                        fees.yml:7:1: error: [ESS012] unknown key 'max_retries'
                        max_retries: 8
                        ^
                          hint: did you mean 'max_retry'?""",
"""
                        fees.yml:8:1: error: [ESS012] unknown key 'heartbeat'
                        heartbeat: 30
                        ^
                          hint: did you mean 'heartbeat_sec'?"""),
                row("malformed env", Map.of("fees.yml", manifest.replace("${env:COUNTY_FEES_URL}", "\"https://${env:fees-host}/soap?x=${FEES}\"")),
                        """
                        fees.yml:4:22: error: [ESS022] malformed environment reference '${env:fees-host}'
                        target_url: "https://${env:fees-host}/soap?x=${FEES}"
                                             ^
                          hint: write ${env:NAME}, NAME made of letters, digits and '_'""",
"""
                        fees.yml:4:46: error: [ESS022] malformed environment reference '${FEES}'
                        target_url: "https://${env:fees-host}/soap?x=${FEES}"
                                                                     ^
                          hint: write ${env:NAME}, NAME made of letters, digits and '_'"""),
                row("env at build time", Map.of("fees.yml", manifest.replace("wsdl: fees.wsdl", "wsdl: ${env:FEES_WSDL}")),
                        """
                        fees.yml:9:7: error: [ESS023] 'wsdl' is needed at build time and cannot be an environment reference
                        wsdl: ${env:FEES_WSDL}
                              ^
                          hint: only target_url and ping_url are read from the environment, when the connector starts"""),
                row("password in url", Map.of("fees.yml", manifest.replace("${env:COUNTY_FEES_URL}", "https://clerk:hunter2@fees.example/soap")),
                        """
                        fees.yml:4:13: error: [ESS024] 'target_url' holds a secret in plain text (a password in the URL)
                        target_url: https://clerk:****@fees.example/soap
                                    ^
                          hint: write it as ${env:NAME} and set NAME where the connector runs; it is read when the connector starts"""),
                row("token in query", Map.of("fees.yml", manifest.replace("${env:COUNTY_FEES_URL}", "https://fees.example/soap?api_key=abc123")),
                        """
                        fees.yml:4:13: error: [ESS024] 'target_url' holds a secret in plain text (the query parameter 'api_key')
                        target_url: https://fees.example/soap?api_key=****
                                    ^
                          hint: write it as ${env:NAME} and set NAME where the connector runs; it is read when the connector starts"""),
                row("missing files", Map.of("fees.yml", manifest.replace("mapping: fees.essmap", "mapping: fee.essmap\ncopybook: fees.cpy")),
                        """
                        fees.yml:11:10: error: [ESS001] file not found: fee.essmap
                        mapping: fee.essmap
                                 ^
                          hint: the path is relative to the manifest's folder""",
"""
                        fees.yml:12:11: error: [ESS001] file not found: fees.cpy
                        copybook: fees.cpy
                                  ^
                          hint: the path is relative to the manifest's folder"""),
                row("inline mapping", Map.of("fees.yml", manifest.replace("mapping: fees.essmap", """
                                mapping: |
                                  parcel_id          -> payFee/ParcelID
                                  owner.name | trimm -> payFee/Owner/Name
                                  amount             -> payFee/Amount
                                  paid               -> payFee/Paid
                                  "TAX"              -> payFee/Office
                                  priority           -> payFee/Priority""")),
                        """
                        fees.yml:13:16: error: [ESS032] unknown function 'trimm'
                          owner.name | trimm -> payFee/Owner/Name
                                       ^
                          hint: did you mean 'trim'?"""),
                row("mapping not utf8", Map.of("fees.essmap", new byte[] {0x70, 0x20, (byte) 0xc0, (byte) 0xaf}),
                        "fees.essmap:1:3: error: [ESS002] cannot read fees.essmap: not UTF-8 text (byte 0xC0)" + "\n"
                        + "p \ufffd\ufffd" + "\n"
                        + "  ^"),
                row("mapping nul", Map.of("fees.essmap", "parcel_id -> payFee/ParcelID\u0000\n"),
                        """
                        fees.essmap:1:29: error: [ESS030] unexpected character U+0000, expected <end of file> or <end of line>
                        parcel_id -> payFee/ParcelID?
                                                    ^
                          hint: a mapping reads: <field> | <function> -> <Element>/<Element>"""),
                row("huge string", Map.of("fees.essmap", mapping.replace("\"TAX\"", "\"" + "T".repeat(5000) + "\"")),
                        "fees.essmap:9:1: error: [ESS039] string constant of 5002 characters is longer than the 4096 a mapping allows\n"
                        + "\"" + "T".repeat(159) + "...\n"
                        + "^\n"
                        + "  hint: map large values from an event field"),
                row("huge number", Map.of("fees.essmap", mapping.replace("priority | default(3)", "99999999999999999999")),
                        """
                        fees.essmap:10:1: error: [ESS057] constant 99999999999999999999 is outside [-2147483648, 2147483647] of payFee/Priority
                        99999999999999999999          -> payFee/Priority
                        ^"""),
                row("constant outside enumeration", Map.of("fees.wsdl", wsdl.replace("<xs:length value=\"3\"/>",
                                "<xs:enumeration value=\"TAC\"/><xs:enumeration value=\"FEE\"/>")),
                        """
                        fees.essmap:9:1: error: [ESS062] constant 'TAX' is not one of the values of OfficeCode: TAC, FEE
                        "TAX"                          -> payFee/Office
                        ^
                          hint: did you mean 'TAC'?"""),
                row("date pattern into xs:date", Map.of("fees.wsdl", wsdl.replace("name=\"DueDate\" type=\"xs:string\"",
                                "name=\"DueDate\" type=\"xs:date\"")),
                        """
                        fees.essmap:8:7: error: [ESS052] cannot map text to payFee/DueDate of type xs:date
                        due | date("dd.MM.yyyy")       -> payFee/DueDate
                              ^
                          hint: date(...) makes text; an xs:date takes the field itself"""),
                row("malformed date constant", Map.of("fees.wsdl", wsdl.replace("name=\"Note\" type=\"xs:string\"",
                                "name=\"Note\" type=\"xs:dateTime\""),
                                "fees.essmap", mapping.replace("default(\"none\") | trim", "default(\"tomorrow\")")),
                        """
                        fees.essmap:11:16: error: [ESS063] constant 'tomorrow' is not an xs:dateTime
                        note | default("tomorrow")  -> payFee/Note
                                       ^
                          hint: write it as yyyy-MM-ddTHH:mm:ss with an optional offset, for example 2024-05-31T14:30:00+02:00"""),
                row("truncated mapping", Map.of("fees.essmap", "parcel_id -> payFee/ParcelID\nowner.name | trim |"),
                        """
                        fees.essmap:2:20: error: [ESS030] unexpected end of file, expected <function>
                        owner.name | trim |
                                           ^
                          hint: a mapping reads: <field> | <function> -> <Element>/<Element>"""),
                row("empty wsdl", Map.of("fees.wsdl", ""),
                        """
                        fees.wsdl: error: [ESS040] malformed WSDL: the file is empty
                          hint: save the partner's WSDL document into it"""),
                row("truncated wsdl", Map.of("fees.wsdl", wsdl.substring(0, wsdl.indexOf("<message"))),
                        "fees.wsdl:57:3: error: [ESS040] malformed WSDL: XML document structures must start and end within the same entity." + "\n"
                        + "  " + "\n"
                        + "  ^" + "\n"
                        + "  hint: the document ends too early: is the file complete?"),
                row("binary wsdl", Map.of("fees.wsdl", new byte[] {0x00, 0x01, 0x02, (byte) 0x80, 0x7f}),
                        "fees.wsdl:1:4: error: [ESS002] cannot read fees.wsdl: not UTF-8 text (byte 0x80)" + "\n"
                        + "???\ufffd?" + "\n"
                        + "   ^"),
                row("xxe", Map.of("fees.wsdl", wsdl.replace("<definitions", "<!DOCTYPE definitions [<!ENTITY secret SYSTEM \"secret.txt\">]>\n<definitions")
                                .replace("<types>", "<documentation>&secret;</documentation><types>"),
                                "secret.txt", "TOP-SECRET"),
                        """
                        fees.wsdl:3:10: error: [ESS040] malformed WSDL: a DOCTYPE is not allowed
                        <!DOCTYPE definitions [<!ENTITY secret SYSTEM "secret.txt">]>
                                 ^
                          hint: remove the DOCTYPE: ESS never reads DTDs or external entities"""),
                row("name without prefix", Map.of("fees.wsdl", wsdl.replaceFirst("</xs:sequence>", "<:sequence>")),
                        """
                        fees.wsdl:34:17: error: [ESS040] malformed WSDL: <:sequence> is not a namespace-well-formed element: \
                        a name is empty or its prefix is undeclared
                                        <:sequence>
                                        ^"""),
                row("not a wsdl", Map.of("fees.wsdl", "<html><body>502 Bad Gateway</body></html>"),
                        """
                        fees.wsdl:1:1: error: [ESS040] malformed WSDL: the root element is <html>, expected WSDL 1.1 <definitions>
                        <html><body>502 Bad Gateway</body></html>
                        ^"""),
                row("missing operation", Map.of("fees.wsdl", wsdl.replace("payFee\"", "payFees\"")),
                        """
                        fees.yml:10:12: error: [ESS041] operation 'payFee' not found in fees.wsdl
                        operation: payFee
                                   ^
                          hint: did you mean 'payFees'?"""),
                row("remote schema", Map.of("fees.wsdl", wsdl.replace("<xs:simpleType name=\"Money\">",
                                "<xs:include schemaLocation=\"http://evil.example/x.xsd\"/>\n      <xs:simpleType name=\"Money\">")),
                        """
                        fees.wsdl:10:7: error: [ESS044] xs:include of 'http://evil.example/x.xsd': ESS reads no document from the network or an absolute path at build time
                              <xs:include schemaLocation="http://evil.example/x.xsd"/>
                              ^
                          hint: save that document as a file beside fees.wsdl and write its relative path here, for example schemaLocation="x.xsd\""""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void eachBadInputGetsItsExactDiagnostics(String name, Map<String, Object> files, List<String> expected)
            throws IOException {
        CompilationResult result = compile(files);

        assertEquals(expected, result.diagnostics().stream().map(Diagnostic::render).toList());
        assertEquals(List.of(), result.generatedFiles());
        assertTrue(Files.notExists(folder.resolve("out")), "nothing may be written");
    }

    @Test
    void anExternalEntityIsNeverRead() throws IOException {
        String wsdl = TestFiles.read(TestFiles.resource("fees/fees.wsdl"))
                .replace("<definitions", "<!DOCTYPE definitions [<!ENTITY secret SYSTEM \"secret.txt\">]>\n<definitions")
                .replace("<types>", "<documentation>&secret;</documentation><types>");

        CompilationResult result = compile(Map.of("fees.wsdl", wsdl, "secret.txt", "TOP-SECRET"));

        assertEquals(1, result.diagnostics().size());
        assertTrue(result.diagnostics().stream().noneMatch(d -> d.render().contains("TOP-SECRET")));
    }

    /** One bad row: the name shown by JUnit, the files that replace the valid ones, what is reported. */
    private static Arguments row(String name, Map<String, Object> files, String... expected) {
        return arguments(name, files, List.of(expected));
    }

    private CompilationResult compile(Map<String, Object> files) throws IOException {
        for (String valid : VALID_FILES) {
            Files.copy(TestFiles.resource("fees/" + valid), folder.resolve(valid));
        }
        for (Map.Entry<String, Object> file : files.entrySet()) {
            byte[] bytes = file.getValue() instanceof byte[] raw
                    ? raw
                    : ((String) file.getValue()).getBytes(StandardCharsets.UTF_8);
            Files.write(folder.resolve(file.getKey()), bytes);
        }
        return new EssCompiler(folder).compile(folder, folder.resolve("out"), folder.resolve("res"), "test");
    }

    /** Enough nested aliases to expand into a billion nodes, if anything expanded them. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i)
                    .append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        return yaml.toString();
    }
}
