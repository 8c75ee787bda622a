package dev.ess.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.compiler.check.Reported;
import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.diagnostic.DiagnosticCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of real WSDLs ({@code src/test/resources/corpus}, described in its README). Every case
 * JAX-WS can serve has a manifest and a mapping beside its WSDL, written as an integrator would write
 * them: each compiles without an error, and its stubs and connector compile with javac, the connector
 * with every lint check as an error. Every case JAX-WS cannot serve gets its exact diagnostic.
 */
class CorpusTest {

    private static final String BASE_PACKAGE = "corpus";

    /**
     * Cases ESS gets wrong today, with what it reports on each (its errors, as headline and hint). Each
     * is asserted to get exactly that still, so that a fix is noticed: the case then leaves this list.
     */
    private static final Map<String, List<String>> KNOWN_FAILURES = Map.of();

    private static final String REMOTE = ": ESS reads no document from the network or an absolute path at build time";
    private static final String RPC_ENCODED = "error: [ESS047] the binding is rpc/encoded (SOAP encoding), which"
            + " JAX-WS, and so ESS, cannot call\n  hint: ask the partner for a document/literal (or rpc/literal)"
            + " binding of the service: SOAP encoding was dropped by WS-I Basic Profile and JAX-WS";

    /** The cases JAX-WS cannot serve, each with a manifest naming one of its operations, and what ESS reports. */
    private static final List<Unservable> UNSERVABLE = List.of(
            new Unservable("asmx-attrgroup", "AttrGroupService.wsdl", "a1AndA2", "a1 -> a1AndA2/a1", List.of(
                    "AttrGroupService.wsdl:28:63: error: [ESS070] wsimport failed on AttrGroupService.wsdl:"
                            + " undefined attribute group 'soapenc11:commonAttributes'",
                    "AttrGroupService.wsdl:38:63: error: [ESS070] wsimport failed on AttrGroupService.wsdl:"
                            + " undefined attribute group 'soapenc12:commonAttributes'")),
            new Unservable("asmx-dataset", "DataService.wsdl", "PutTitleAuthors", "au_id -> PutTitleAuthors/au_id",
                    Stream.of("15:47", "29:47", "47:41").map(at -> "DataService.wsdl:" + at + ": error: [ESS070]"
                            + " wsimport failed on DataService.wsdl: undefined element declaration 's:schema'").toList()),
            new Unservable("axis1-stock-rpcenc", "GetQuote.wsdl", "getQuote", "symbol -> getQuote/symbol",
                    List.of("GetQuote.wsdl:43:9: " + RPC_ENCODED)),
            new Unservable("axis2-hotel-wsdl20", "HotelReservationService.wsdl", "opCheckAvailability",
                    "check_in -> checkAvailability/checkInDate", List.of(
                            "HotelReservationService.wsdl:22:1: error: [ESS046] this is a WSDL 2.0 document; JAX-WS,"
                                    + " and so ESS, reads WSDL 1.1 only\n  hint: ask the partner for a WSDL 1.1"
                                    + " description of the service; most services that publish WSDL 2.0 can also"
                                    + " describe themselves in WSDL 1.1")),
            new Unservable("axis2-remote-wsdl-import", "root.wsdl", "add", "value -> add/value", List.of(
                    "root.wsdl:31:3: error: [ESS044] wsdl:import of 'http://example.com/test/doesnotexist.wsdl'"
                            + REMOTE + "\n  hint: save that document as a file beside root.wsdl and write its"
                            + " relative path here, for example location=\"doesnotexist.wsdl\"")),
            new Unservable("cxf-absolute-schema-import", "hello_world_schema_import.wsdl", "greetMe",
                    "name -> greetMe/requestType", List.of(
                            absoluteImport("s1/s2/s4/schema4.xsd:22:3", "/schema5.xsd", "schema4.xsd", "schema5.xsd"))),
            new Unservable("gov-cdc-iis-2011", "wsdl/cdc-iis-2011.wsdl", "submitSingleMessage",
                    "message -> submitSingleMessage/hl7Message", List.of(
                            absoluteImport("wsdl/cdc-iis-2011.wsdl:20:13", "/dev/IISService?xsd=cdc-iis-2011.xsd",
                                    "cdc-iis-2011.wsdl", "cdc-iis-2011.xsd"))),
            new Unservable("gov-cdc-iis-hub", "wsdl/cdc-iis-hub.wsdl", "SubmitSingleMessage",
                    "message -> SubmitSingleMessageRequest/Hl7Message", List.of(
                            absoluteImport("wsdl/cdc-iis-hub.wsdl:6:13", "/IISHubService?xsd=cdc-iis.xsd",
                                    "cdc-iis-hub.wsdl", "cdc-iis.xsd"),
                            absoluteImport("wsdl/cdc-iis-hub.wsdl:7:13", "/IISHubService?xsd=cdc-iis-hub.xsd",
                                    "cdc-iis-hub.wsdl", "cdc-iis-hub.xsd"))),
            new Unservable("gov-noaa-ndfd", "ndfdXML.wsdl", "LatLonListZipCode", "zip -> zipCodeList",
                    List.of("ndfdXML.wsdl:423:10: " + RPC_ENCODED)),
            new Unservable("metro-netbeans-remote-xsd", "xml-resources/web-service-references/AudioStreamerService/wsdl/"
                    + "localhost_8080/AudioStreamProviderApp/AudioStreamerService.wsdl", "getWavStream",
                    "name -> getWavStream/arg0", List.of(
                            "xml-resources/web-service-references/AudioStreamerService/wsdl/localhost_8080/"
                                    + "AudioStreamProviderApp/AudioStreamerService.wsdl:23:1: error: [ESS044] xs:import"
                                    + " of 'http://localhost:8080/AudioStreamProviderApp/AudioStreamerService?xsd=1'"
                                    + REMOTE + "\n  hint: save that document as a file beside"
                                    + " AudioStreamerService.wsdl and write its relative path here, for example"
                                    + " schemaLocation=\"1.xsd\"")),
            new Unservable("metro-swaref-remote-xsd", "Catalog.wsdl", "getProductDetails",
                    "product -> getProductDetails/productNumber", List.of(
                            "Catalog.xsd:17:2: error: [ESS044] xs:import of"
                                    + " 'http://ws-i.org/profiles/basic/1.1/swaref.xsd'" + REMOTE
                                    + "\n  hint: save that document as a file beside Catalog.xsd and write its"
                                    + " relative path here, for example schemaLocation=\"swaref.xsd\"")),
            new Unservable("springws-xml-lang", "include-inline.wsdl", "GetOrder", "order_id -> GetOrderRequest/id",
                    List.of("include-inline.wsdl:24:52: error: [ESS070] wsimport failed on include-inline.wsdl:"
                            + " undefined attribute 'xml:lang'")),
            new Unservable("wcf-net-named-pipe", "netNamedPipe.wsdl", "UploadStream", "data -> UploadStream/data",
                    List.of("wcf-net-named-pipe.yml:5:7: error: [ESS049] netNamedPipe.wsdl has no SOAP 1.1 or 1.2 port"
                            + " over HTTP that ESS can call\n  hint: ESS calls partners over HTTP; its ports:"
                            + " NetNamedPipeBinding_IStreamedService at"
                            + " net.pipe://vcarwan01.redmond.corp.microsoft.com/IISHost/StreamedService.svc (name one"
                            + " with 'port:' if the partner also answers over HTTP at target_url)")),
            new Unservable("wcf-projectn-remote-xsd", "tempuri.org.wsdl", "EchoComplex", "text -> EchoComplex/message",
                    IntStream.rangeClosed(0, 10).mapToObj(n -> "tempuri.org.wsdl:" + (140 + n) + ":7: error: [ESS044]"
                            + " xs:import of 'http://wcfprojectnserver.redmond.corp.microsoft.com/WcfProjectNService/"
                            + "WcfProjectNService.svc?xsd=xsd" + n + "'" + REMOTE + "\n  hint: save that document as"
                            + " a file beside tempuri.org.wsdl and write its relative path here, for example"
                            + " schemaLocation=\"xsd" + n + ".xsd\"").toList()));

    /**
     * A case JAX-WS cannot serve.
     *
     * @param wsdl the WSDL's path in the case's folder
     * @param mapping the one line of the manifest's mapping
     * @param errors every error ESS reports on it, as headline and hint
     */
    record Unservable(String name, String wsdl, String operation, String mapping, List<String> errors) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** How long ESS took to compile each case, and javac its stubs and connector where it got that far. */
    private static final Map<String, Long> compileNanos = new ConcurrentHashMap<>();
    private static final Map<String, Long> javacNanos = new ConcurrentHashMap<>();

    @TempDir
    static Path output;

    static Stream<String> servableCases() throws IOException {
        return casesWithAManifest().stream();
    }

    static Stream<Unservable> unservableCases() {
        return UNSERVABLE.stream();
    }

    @Test
    void everyServableCaseHasAManifestAndEveryOtherCaseIsInTheTable() throws IOException {
        Set<String> servable = new TreeSet<>();
        List<String> rows = Files.readAllLines(corpus().resolve("cases.tsv"));
        rows.subList(1, rows.size()).forEach(row -> servable.add(row.split("\t")[0]));
        Set<String> unservable = UNSERVABLE.stream().map(Unservable::name).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(servable, casesWithAManifest());
        Set<String> all = new TreeSet<>(servable);
        all.addAll(unservable);
        assertEquals(caseFolders(), all);
        assertTrue(all.containsAll(KNOWN_FAILURES.keySet()), "KNOWN_FAILURES names only cases of the corpus");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servableCases")
    void compilesAndItsConnectorPassesStrictJavac(String name) throws IOException {
        Path folder = corpus().resolve(name);
        Path out = output.resolve(name);

        long start = System.nanoTime();
        CompilationResult result = new EssCompiler(folder).compile(folder, out.resolve("src"), out.resolve("res"),
                BASE_PACKAGE);
        long compiled = System.nanoTime();
        compileNanos.put(name, compiled - start);
        List<String> problems;
        if (result.hasErrors()) {
            problems = result.errors().stream().map(Reported::format).toList();
        } else {
            problems = javacProblems(result, out);
            javacNanos.put(name, System.nanoTime() - compiled);
        }

        if (KNOWN_FAILURES.containsKey(name)) {
            assertEquals(KNOWN_FAILURES.get(name), problems,
                    "what ESS reports on " + name + " changed; if it is fixed, take the case off KNOWN_FAILURES");
        } else {
            assertEquals(List.of(), problems, () -> "every diagnostic:\n" + result.diagnostics().stream()
                    .map(Diagnostic::render).collect(Collectors.joining("\n")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unservableCases")
    void getsItsExactDiagnostic(Unservable unservable) throws IOException {
        Path folder = copyOf(unservable.name(), unservable.name());
        TestFiles.write(folder, unservable.name() + ".yml", String.join("\n",
                "id: " + unservable.name(),
                "listen_topic: \"corpus.changed\"",
                "target_url: \"http://localhost:8080/partner\"",
                "fields: [\"" + unservable.mapping().split(" ")[0] + "\"]",
                "wsdl: " + unservable.wsdl(),
                "operation: " + unservable.operation(),
                "mapping: " + unservable.name() + ".essmap",
                ""));
        TestFiles.write(folder, unservable.name() + ".essmap", unservable.mapping() + "\n");
        Path out = output.resolve("unservable").resolve(unservable.name());

        // Only errors: wsimport's warnings about such documents are its own wording, not ESS's.
        List<String> errors = new EssCompiler(folder).compile(folder, out.resolve("src"), out.resolve("res"), BASE_PACKAGE)
                .errors().stream().map(Reported::format).toList();

        if (KNOWN_FAILURES.containsKey(unservable.name())) {
            assertEquals(KNOWN_FAILURES.get(unservable.name()), errors, "what ESS reports on " + unservable.name()
                    + " changed; if it is fixed, take the case off KNOWN_FAILURES");
        } else {
            assertEquals(unservable.errors(), errors);
        }
    }

    /**
     * Found by the fuzz test: with another targetNamespace in xsd0.xsd of wcf-basedatatypes-bare, the
     * schema's own {@code type="tns:char"} no longer resolves, and XSOM, inside wsimport, gives up. wsimport's
     * errors are reported, and the one ESS adds says what happened: no fault of ESS's own.
     */
    @Test
    void aSchemaTypeThatNoLongerResolvesIsWsimportsError() throws IOException {
        Path folder = copyOf("wcf-basedatatypes-bare", "xsd-namespace-changed");
        Path schema = folder.resolve("xsd0.xsd");
        Files.writeString(schema, Files.readString(schema).replace(
                "targetNamespace=\"http://schemas.microsoft.com/2003/10/Serialization/\"", "targetNamespace=\"urn:other\""));
        Path out = output.resolve("xsd-namespace-changed");

        List<Diagnostic> errors = new EssCompiler(folder)
                .compile(folder, out.resolve("src"), out.resolve("res"), BASE_PACKAGE).errors();

        List<String> reported = errors.stream().map(error -> error.code().id() + " " + error.message()).toList();
        assertTrue(reported.contains("ESS070 wsimport failed on BaseDataTypesDocLitB.wsdl: the schema refers to a type"
                + " or element it declares nowhere (unresolved reference); see wsimport's src-resolve warning"), reported::toString);
        assertTrue(reported.contains("ESS070 wsimport failed on BaseDataTypesDocLitB.wsdl: undefined simple or complex"
                + " type 'tns:char'"), reported::toString);
        assertTrue(errors.stream().noneMatch(error -> error.code() == DiagnosticCode.COMPILER_FAULT), reported::toString);
    }

    /** A bare request whose part is an element of xs:anyType (WCF's {@code RetObject} takes {@code inObject}). */
    @Test
    void aBareAnyTypePartIsNotATarget() throws IOException {
        Path folder = copyOf("wcf-basedatatypes-bare", "any-type-part");
        TestFiles.write(folder, "wcf-basedatatypes-bare.yml", TestFiles.read(folder.resolve("wcf-basedatatypes-bare.yml"))
                .replace("operation: RetDateTimeOffset", "operation: RetObject"));
        TestFiles.write(folder, "wcf-basedatatypes-bare.essmap", "read_at -> inObject\n");
        Path out = output.resolve("any-type-part");

        List<String> errors = new EssCompiler(folder).compile(folder, out.resolve("src"), out.resolve("res"), BASE_PACKAGE)
                .errors().stream().map(Diagnostic::message).toList();

        assertEquals(List.of("target 'inObject' of type an element of any content (xs:anyType) is not supported yet"),
                errors);
    }

    /** A required xs:choice none of whose branches is mapped ({@code testChoice} requires arg2 or arg3). */
    @Test
    void aRequiredChoiceLeftUnmappedIsReported() throws IOException {
        Path folder = copyOf("cxf-js-groups", "required-choice");
        TestFiles.write(folder, "cxf-js-groups.essmap", "first_name -> testChoice/arg0\nlast_name -> testChoice/arg1\n");
        Path out = output.resolve("required-choice");

        List<String> errors = new EssCompiler(folder).compile(folder, out.resolve("src"), out.resolve("res"), BASE_PACKAGE)
                .errors().stream().map(Reported::format).toList();

        assertEquals(List.of("cxf-js-groups.yml:7:10: error: [ESS082] no alternative of a required xs:choice is mapped:"
                + " testChoice/arg2, testChoice/arg3\n  hint: map one of them in cxf-js-groups.essmap"), errors);
    }

    @AfterAll
    static void reportTheTimes() {
        if (!compileNanos.isEmpty()) {
            System.out.printf(Locale.ROOT, "ESS corpus: ESS compiled %d cases in %s; javac compiled %d of them in %s%n",
                    compileNanos.size(), times(compileNanos.values()), javacNanos.size(), times(javacNanos.values()));
        }
    }

    /** {@code 12.3 s, 0.05 / 0.20 / 2.10 s a case (min / median / max)} */
    private static String times(Collection<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.1f s, %.2f / %.2f / %.2f s a case (min / median / max)",
                sorted.stream().mapToLong(Long::longValue).sum() / 1e9, sorted.get(0) / 1e9,
                sorted.get(sorted.size() / 2) / 1e9, sorted.get(sorted.size() - 1) / 1e9);
    }

    /** The stubs as wsimport wrote them, then the connector with every lint check as an error. */
    private static List<String> javacProblems(CompilationResult result, Path out) throws IOException {
        Path stubs = out.resolve("src").resolve(BASE_PACKAGE).resolve("soap");
        List<Path> connectors = result.generatedFiles().stream()
                .filter(file -> file.toString().endsWith(".java") && !file.startsWith(stubs))
                .toList();
        return StrictJavac.compile(stubs, connectors, out.resolve("javac"));
    }

    private static String absoluteImport(String at, String location, String beside, String suggested) {
        return at + ": error: [ESS044] xs:import of '" + location + "'" + REMOTE + "\n  hint: save that document as a"
                + " file beside " + beside + " and write its relative path here, for example schemaLocation=\""
                + suggested + "\"";
    }

    private static Path corpus() {
        return TestFiles.resource("corpus");
    }

    private static Set<String> caseFolders() throws IOException {
        try (Stream<Path> folders = Files.list(corpus())) {
            return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> casesWithAManifest() throws IOException {
        Set<String> cases = new TreeSet<>();
        for (String name : caseFolders()) {
            try (Stream<Path> files = Files.list(corpus().resolve(name))) {
                if (files.anyMatch(file -> file.getFileName().toString().endsWith(".yml"))) {
                    cases.add(name);
                }
            }
        }
        return cases;
    }

    /** A copy of a case's folder, where a manifest can be written beside its files. */
    private static Path copyOf(String name, String copyName) throws IOException {
        Path source = corpus().resolve(name);
        Path copy = output.resolve("copies").resolve(copyName);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            Path target = copy.resolve(source.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
        return copy;
    }
}
