package dev.ess.compiler.diagnostic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.compiler.EssCompiler;
import dev.ess.compiler.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutates valid manifests, mappings and WSDLs (cuts, insertions of YAML, DSL and XML fragments,
 * random bytes, spliced lines) and runs the whole front end on each: load, parse, resolve and
 * check must end in diagnostics, never in an exception, and every diagnostic must point into its file.
 */
class MutatedInputFuzzTest {

    private static final int TRIES = 1000;

    /** Fragments that are meaningful somewhere: the mutator splices them in. */
    private static final List<String> FRAGMENTS = List.of(
            "\n", "\r\n", "\t", " ", ":", ": ", "- ", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!java.io.File ",
            "!x ", "<<: ", "|\n", ">\n", "'", "\"", "\\", "\\u12", "${env:", "${env:X}", "${", "}", "0", "-1",
            "99999999999999999999", "1.5", "0x1F", "~", "null", "true", "->", "|", "(", ")", "(\"x\")", "(2)",
            ".", "/", "upper", "default(", "date(\"yyyy\")", "scale(200)", "payFee/", "Permit/", "owner.",
            "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&x;", "<!DOCTYPE x [<!ENTITY x \"y\">]>",
            "<?xml version=\"1.0\"?>", "xs:", "tns:", "type=\"xs:int\"", "minOccurs=\"0\"", "maxOccurs=\"unbounded\"",
            "ref=\"tns:payFee\"", "base=\"tns:Money\"", "<xs:maxLength value=\"-3\"/>", "element=\"tns:nope\"",
            "\u0000", "\u00e9", "\ud83d\ude00", "\ufeff");

    /** Names and values of the samples' own vocabulary, so a replaced word often still parses and gets checked. */
    private static final List<String> WORDS = List.of(
            "id", "fields", "wsdl", "mapping", "operation", "key", "max_retry", "heartbeat_sec", "copybook",
            "parcel_id", "owner", "amount", "units", "permit_id", "street", "truck_limit", "payFee", "submitPermit",
            "Permit", "ID", "Street", "Owner", "Name", "Amount", "Office", "Priority", "Note", "Rate", "DueDate",
            "upper", "lower", "trim", "default", "date", "scale", "round", "xs:int", "xs:long", "xs:string",
            "xs:decimal", "xs:boolean", "xs:date", "tns:Money", "tns:OfficeCode", "sequence", "choice", "all",
            "complexType", "simpleType", "restriction", "element", "maxLength", "minInclusive", "length",
            "unbounded", "0", "2", "-7", "3.14", "\"TAXES\"", "\"\"", "true", "nillable", "xs:dateTime",
            "enumeration", "minOccurs", "\"OPEN\"", "\"2024-01-01\"", "\"2024-05-31T14:30:00Z\"", "Status", "Deadline");

    private static final List<String> SAMPLES = List.of("fees", "city2dmv", "inline", "inspections");

    /**
     * Real WSDLs of the corpus with their manifests and mappings: an asmx that BizTalk published
     * (windows-1255, a SOAP 1.2 port, an element ref into a schema imported without location), an Axis2 one
     * (the SOAP 1.2 port first, nillable everywhere, nested arrays), a WCF one importing three schema files,
     * and a wsdl:import chain across folders ending in an xsd:include. A mutated real WSDL costs wsimport
     * three times the time of a sample's, so they get a quarter of the tries.
     */
    private static final List<String> REAL_SAMPLES = List.of("corpus/biztalk-asmx", "corpus/axis2-library",
            "corpus/wcf-basedatatypes-bare", "corpus/cxf-wsdl-import-split");

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_:]+");

    private static Path corpus;
    private static final AtomicInteger runs = new AtomicInteger();

    /** One sample's files, one of them mutated. */
    record Input(String sample, int fileIndex, List<Mutation> mutations) {
        @Override
        public String toString() {
            return sample + " file " + fileIndex + " " + mutations;
        }
    }

    /**
     * One edit of a text.
     *
     * @param at where, as a fraction of the text's length
     * @param length how many characters it removes or copies
     */
    record Mutation(Kind kind, double at, int length, String fragment, String word, byte[] bytes) {
        @Override
        public String toString() {
            return kind + "@" + String.format(Locale.ROOT, "%.3f", at) + "/" + length
                    + (kind == Kind.INSERT ? " '" + fragment.replace("\n", "\\n") + "'" : "")
                    + (kind == Kind.REPLACE_WORD ? " '" + word + "'" : "");
        }
    }

    enum Kind { DELETE, INSERT, DUPLICATE, TRUNCATE, SWAP_LINES, REPLACE_WORD, RANDOM_BYTES }

    @BeforeContainer
    static void createTheFolder() throws IOException {
        corpus = Files.createTempDirectory("ess-fuzz");
    }

    @AfterContainer
    static void removeTheFolder() throws IOException {
        try (Stream<Path> files = Files.walk(corpus)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        System.out.println("ESS fuzz: " + runs.get() + " mutated inputs checked");
    }

    // jqwik's edge cases would be mostly the same few byte arrays; random mutations spread better.
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void noMutatedInputEndsInAnException(@ForAll("inputs") Input input) throws IOException {
        Path folder = write(input);

        List<Diagnostic> reported = compile(folder);

        runs.incrementAndGet();
        Statistics.label("first diagnostic").collect(reported.isEmpty() ? "none: still valid"
                : reported.get(0).code().id());
        for (Diagnostic diagnostic : reported) {
            String rendered = diagnostic.render();
            assertTrue(rendered.startsWith(diagnostic.file()), rendered);
            assertTrue(rendered.contains("[" + diagnostic.code().id() + "] "), rendered);
            Path file = folder.resolve(diagnostic.file());
            if (diagnostic.line() > 0 && Files.isRegularFile(file)) {
                long lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().count();
                assertTrue(diagnostic.line() <= lines + 1, "line beyond the file: " + rendered);
            }
        }
    }

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.frequency(
                        Tuple.of(3, Kind.DELETE), Tuple.of(4, Kind.INSERT), Tuple.of(2, Kind.DUPLICATE),
                        Tuple.of(1, Kind.TRUNCATE), Tuple.of(2, Kind.SWAP_LINES), Tuple.of(6, Kind.REPLACE_WORD),
                        Tuple.of(1, Kind.RANDOM_BYTES)),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 40),
                Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.strings().all().ofMaxLength(6)),
                Arbitraries.of(WORDS),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
                .as(Mutation::new);
        return Combinators.combine(
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.of(SAMPLES)), Tuple.of(1, Arbitraries.of(REAL_SAMPLES))),
                // Taken modulo the sample's number of files: 0..5 spreads evenly over 2, 3 and 6 files.
                Arbitraries.integers().between(0, 5),
                mutation.list().ofMinSize(1).ofMaxSize(4))
                .as(Input::new);
    }

    /** The whole compiler, as a build runs it: what it reports, and that it never reports itself failing. */
    private static List<Diagnostic> compile(Path folder) throws IOException {
        Path out = corpus.resolve("out");
        List<Diagnostic> reported = new EssCompiler(folder).compile(folder, out.resolve("src"), out.resolve("res"), "fuzz")
                .diagnostics();
        for (Diagnostic diagnostic : reported) {
            assertTrue(diagnostic.code() != DiagnosticCode.COMPILER_FAULT,
                    diagnostic.render());
        }
        return reported;
    }

    /** The sample's files, subfolders included, into an emptied folder, one of them mutated. */
    private static Path write(Input input) throws IOException {
        Path folder = corpus.resolve("run");
        if (Files.exists(folder)) {
            try (Stream<Path> old = Files.walk(folder)) {
                old.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(folder))
                        .forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(folder);
        Path sample = TestFiles.resource(input.sample());
        List<String> names = sampleFiles(sample);
        for (int i = 0; i < names.size(); i++) {
            byte[] bytes = Files.readAllBytes(sample.resolve(names.get(i)));
            if (i == input.fileIndex() % names.size()) {
                bytes = mutate(bytes, input.mutations());
            }
            Path file = folder.resolve(names.get(i));
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        }
        return folder;
    }

    private static byte[] mutate(byte[] original, List<Mutation> mutations) {
        String text = new String(original, StandardCharsets.UTF_8);
        byte[] raw = null;
        for (Mutation mutation : mutations) {
            int at = (int) (mutation.at() * text.length());
            int end = Math.min(text.length(), at + mutation.length());
            text = switch (mutation.kind()) {
                case DELETE -> text.substring(0, at) + text.substring(end);
                case INSERT -> text.substring(0, at) + mutation.fragment() + text.substring(at);
                case DUPLICATE -> text.substring(0, end) + text.substring(at, end) + text.substring(end);
                case TRUNCATE -> text.substring(0, at);
                case SWAP_LINES -> swapLines(text, at, mutation.length());
                case REPLACE_WORD -> replaceWord(text, at, mutation.word());
                case RANDOM_BYTES -> text;
            };
            if (mutation.kind() == Kind.RANDOM_BYTES) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                int position = (int) (mutation.at() * bytes.length);
                raw = new byte[bytes.length + mutation.bytes().length];
                System.arraycopy(bytes, 0, raw, 0, position);
                System.arraycopy(mutation.bytes(), 0, raw, position, mutation.bytes().length);
                System.arraycopy(bytes, position, raw, position + mutation.bytes().length, bytes.length - position);
                text = new String(raw, StandardCharsets.UTF_8);
            } else {
                raw = null;
            }
        }
        return raw != null ? raw : text.getBytes(StandardCharsets.UTF_8);
    }

    /** The word (letters, digits, '_', ':') at or after {@code at} replaced. */
    private static String replaceWord(String text, int at, String word) {
        Matcher matcher = WORD.matcher(text);
        if (!matcher.find(at) && !matcher.find(0)) {
            return text;
        }
        return text.substring(0, matcher.start()) + word + text.substring(matcher.end());
    }

    private static String swapLines(String text, int at, int distance) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int first = Math.min(lines.size() - 1, text.substring(0, at).split("\n", -1).length - 1);
        int second = (first + distance) % lines.size();
        String swap = lines.get(first);
        lines.set(first, lines.get(second));
        lines.set(second, swap);
        return String.join("\n", lines);
    }

    /** The sample's files by their paths below it: the manifest first, then the mapping, then the rest in order. */
    private static List<String> sampleFiles(Path sample) throws IOException {
        try (Stream<Path> walk = Files.walk(sample)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> sample.relativize(file).toString().replace('\\', '/'))
                    .sorted(Comparator.comparingInt(MutatedInputFuzzTest::rank)
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
    }

    private static int rank(String name) {
        return name.endsWith(".yml") ? 0 : name.endsWith(".essmap") ? 1 : 2;
    }
}
