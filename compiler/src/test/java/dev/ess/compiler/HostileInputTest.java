package dev.ess.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.partner.CompiledWsdls;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs written to attack the generated code: text copied from a manifest, a mapping, a file name
 * or a WSDL into generated comments, names and constants must stay inert. javac reads unicode
 * escapes everywhere, comments included, so a backslash-u002a/ would end a Javadoc and a
 * backslash-u000a a line comment. Each input is compiled, the connector compiled with lint as
 * errors, and its source and class inspected.
 */
class HostileInputTest {

    private static final String MANIFEST = """
            id: city2dmv
            listen_topic: "permits.changed"
            target_url: "https://dmv.state.gov/soap/permits"
            fields: ["permit_id", "street", "truck_limit"]
            wsdl: dmv.wsdl
            operation: submitPermit
            mapping: city2dmv.essmap
            """;
    private static final String MAPPING = """
            permit_id   -> Permit/ID
            street      -> Permit/Street
            truck_limit -> Permit/TruckLimit
            """;
    /** A method smuggled in would show up among the connector's methods. */
    private static final String PAYLOAD = "void injected() {}";

    @TempDir
    Path folder;

    static Stream<Arguments> attacks() {
        return Stream.of(
                arguments("a constant that ends the class Javadoc", "city2dmv.essmap",
                        MAPPING.replace("permit_id   -> Permit/ID", "\"\\u002a/ " + PAYLOAD + " /\\u002a*\" -> Permit/ID")),
                arguments("a constant holding an escaped escape", "city2dmv.essmap",
                        MAPPING.replace("permit_id   -> Permit/ID", "\"\\\\\\u002a/ " + PAYLOAD + "\" -> Permit/ID")),
                arguments("a listen topic that ends the Javadoc", "dmv_manifest.yml",
                        MANIFEST.replace("\"permits.changed\"", "'permits.\\u002a/'")),
                arguments("a listen topic with a line break", "dmv_manifest.yml",
                        MANIFEST.replace("\"permits.changed\"", "'permits.\\u000a" + PAYLOAD.replace(' ', '_') + "'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void hostileTextStaysInert(String name, String file, String text) throws Exception {
        Path input = folder.resolve("in");
        TestFiles.write(input, "dmv_manifest.yml", MANIFEST);
        TestFiles.write(input, "city2dmv.essmap", MAPPING);
        Files.copy(TestFiles.resource("city2dmv/dmv.wsdl"), input.resolve("dmv.wsdl"));
        TestFiles.write(input, file, text);

        Path connector = generate(input, folder.resolve("out"));

        assertInert(connector);
    }

    /** Files whose very names hold escapes: the mapping's is cited in every statement's comment, the WSDL's in the Javadoc. */
    @Test
    void hostileFileNamesStayInert() throws Exception {
        Path input = folder.resolve("in");
        String mapping = "m\\u000a" + PAYLOAD.replace(' ', '_') + "\\u000a.essmap";
        String wsdl = "dmv\\u002a" + PAYLOAD.replace(' ', '_') + "\\u002a.wsdl";
        TestFiles.write(input, "dmv_manifest.yml", MANIFEST.replace("city2dmv.essmap", "'" + mapping + "'")
                .replace("dmv.wsdl", "'" + wsdl + "'"));
        TestFiles.write(input, mapping, MAPPING);
        Files.copy(TestFiles.resource("city2dmv/dmv.wsdl"), input.resolve(wsdl));

        Path connector = generate(input, folder.resolve("out"));

        assertInert(connector);
        assertTrue(Files.readString(connector).contains("); // m\\\\u000avoid_injected()_{}\\\\u000a.essmap:1\n"),
                Files.readString(connector));
    }

    /** A value javac could not hold as a constant is a located diagnostic, never a javac failure. */
    @Test
    void aValueTooLongForAJavaConstantIsLocated() throws IOException {
        Path input = folder.resolve("in");
        TestFiles.write(input, "dmv_manifest.yml", MANIFEST.replace("\"permits.changed\"", "permits." + "x".repeat(70_000)));
        TestFiles.write(input, "city2dmv.essmap", MAPPING);
        Files.copy(TestFiles.resource("city2dmv/dmv.wsdl"), input.resolve("dmv.wsdl"));

        CompilationResult result = new EssCompiler(input).compile(input, folder.resolve("src"), folder.resolve("res"), "p");

        assertEquals(List.of("dmv_manifest.yml:2:15: error: [ESS073] listen_topic of 70008 characters is longer than"
                + " the 4096 a generated Java constant may hold"), result.errors().stream().map(Diagnostic::headline).toList());
    }

    /** A remote import naming a host that never answers ends the build at once, with the spot: nothing is fetched. */
    @Test
    void aRemoteImportOfASilentHostEndsTheBuildAtOnce() throws IOException {
        Path input = folder.resolve("in");
        TestFiles.write(input, "dmv_manifest.yml", MANIFEST);
        TestFiles.write(input, "city2dmv.essmap", MAPPING);
        TestFiles.write(input, "dmv.wsdl", TestFiles.read(TestFiles.resource("city2dmv/dmv.wsdl")).replace("<types>",
                "<import namespace=\"urn:x\" location=\"http://10.255.255.1:81/slow?wsdl\"/>\n  <types>"));

        CompilationResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new EssCompiler(input).compile(input, folder.resolve("src"), folder.resolve("res"), "p"));

        assertEquals(List.of("dmv.wsdl:10:3: error: [ESS044] wsdl:import of 'http://10.255.255.1:81/slow?wsdl': ESS reads"
                + " no document from the network or an absolute path at build time"),
                result.errors().stream().map(Diagnostic::headline).toList());
    }

    private static Path generate(Path input, Path out) throws Exception {
        CompilationResult result = new EssCompiler(input, new CompiledWsdls(1))
                .compile(input, out.resolve("src"), out.resolve("res"), "p");
        assertEquals(List.of(), result.errors().stream().map(Diagnostic::render).toList());
        Path connector = out.resolve("src/p/city2dmv/City2dmvConnector.java");
        assertEquals(List.of(), StrictJavac.compile(out.resolve("src/p/soap"), List.of(connector), out.resolve("classes")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.resolve("classes/classes").toUri().toURL(),
                out.resolve("classes/stub-classes").toUri().toURL()}, HostileInputTest.class.getClassLoader())) {
            Class<?> type = loader.loadClass("p.city2dmv.City2dmvConnector");
            Set<String> methods = new TreeSet<>();
            Arrays.stream(type.getDeclaredMethods()).filter(method -> !method.isSynthetic()).map(Method::getName)
                    .filter(method -> !method.startsWith("to")).forEach(methods::add);
            assertEquals(Set.of("createPort", "map", "send", "spec"), methods, "the connector's methods");
            assertEquals(0, type.getDeclaredClasses().length, "classes inside the connector");
        }
        return connector;
    }

    /** No unicode escape javac would read: every backslash before a 'u' is itself escaped. */
    private static void assertInert(Path connector) throws IOException {
        String source = Files.readString(connector);
        Matcher escape = Pattern.compile("(\\\\+)u").matcher(source);
        while (escape.find()) {
            assertEquals(0, escape.group(1).length() % 2, "an escape javac reads, at " + escape.start() + ": "
                    + source.substring(Math.max(0, escape.start() - 40), Math.min(source.length(), escape.end() + 40)));
        }
    }
}
