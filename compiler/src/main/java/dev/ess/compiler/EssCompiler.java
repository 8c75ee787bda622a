package dev.ess.compiler;

import com.palantir.javapoet.JavaFile;
import dev.ess.compiler.check.BoundConnector;
import dev.ess.compiler.check.MappingChecker;
import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.Suggestions;
import dev.ess.compiler.emit.ConnectorEmitter;
import dev.ess.compiler.emit.Names;
import dev.ess.compiler.emit.OutputWriter;
import dev.ess.compiler.manifest.Located;
import dev.ess.compiler.manifest.Manifest;
import dev.ess.compiler.manifest.ManifestLoader;
import dev.ess.compiler.manifest.MappingSource;
import dev.ess.compiler.mapping.MappingFile;
import dev.ess.compiler.mapping.MappingParser;
import dev.ess.compiler.partner.CompiledWsdls;
import dev.ess.compiler.partner.PartnerCompiler;
import dev.ess.compiler.partner.PartnerOperation;
import dev.ess.compiler.partner.PartnerPort;
import dev.ess.compiler.partner.PartnerService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The ESS compiler: manifests, mappings and WSDLs in, connector sources, JAX-WS stubs and
 * resources out. Phases: load, parse, resolve, check, emit. Every problem of the inputs is
 * reported before anything is written, and nothing is written when there is an error.
 */
public final class EssCompiler {

    static final String SERVICES_FILE = "META-INF/services/dev.ess.runtime.SoapConnector";

    private final Path displayRoot;
    private final CompiledWsdls compiledWsdls;

    /** Shows files in diagnostics as given. */
    public EssCompiler() {
        this(null);
    }

    /** @param displayRoot diagnostics show files below it relative to it, as a build tool would */
    public EssCompiler(Path displayRoot) {
        this(displayRoot, CompiledWsdls.SHARED);
    }

    /** @param compiledWsdls WSDLs compiled earlier in this JVM, reused while their documents are unchanged */
    public EssCompiler(Path displayRoot, CompiledWsdls compiledWsdls) {
        this.displayRoot = displayRoot;
        this.compiledWsdls = compiledWsdls;
    }

    /**
     * Compiles every manifest ({@code *.yml}, {@code *.yaml}) below {@code inputDirectory}.
     * When nothing the outputs depend on changed since the last run, nothing is done at all, not
     * even parsing; else only files whose content changed are written, and files no input produces
     * any more are deleted.
     *
     * @throws IOException when the outputs cannot be written: a fault of the machine, not of the inputs
     */
    public CompilationResult compile(Path inputDirectory, Path sourcesOut, Path resourcesOut, String basePackage)
            throws IOException {
        Optional<InputStamp> previous = InputStamp.read(sourcesOut);
        OutputWriter sources = new OutputWriter(sourcesOut);
        OutputWriter resources = new OutputWriter(resourcesOut);
        if (previous.isPresent() && sources.previousOutputsExist() && resources.previousOutputsExist()
                && previous.get().inputs().equals(InputStamp.inputsOf(
                        inputDirectory, previous.get().outside(), basePackage, sourcesOut, resourcesOut))) {
            List<Path> generated = new ArrayList<>(sources.previousOutputs());
            generated.addAll(resources.previousOutputs());
            return new CompilationResult(List.of(), generated, List.of(), true, 0, Duration.ZERO);
        }
        Diagnostics diagnostics = new Diagnostics(displayRoot);
        Analysis analysis = new Analysis(inputDirectory, basePackage, new PartnerCompiler(diagnostics, compiledWsdls),
                diagnostics);
        try {
            analysis.run();
        } catch (RuntimeException | StackOverflowError | InternalError e) {
            // Bad input must end in a diagnostic, never in a stack trace: an exception here is a bug in ESS.
            diagnostics.report(DiagnosticCode.COMPILER_FAULT, Position.of(inputDirectory), String.valueOf(e));
        }
        if (diagnostics.hasErrors()) {
            return CompilationResult.failed(diagnostics.all());
        }
        SortedSet<Path> outside = InputStamp.outside(inputDirectory, analysis.filesRead());
        String inputs = InputStamp.inputsOf(inputDirectory, outside, basePackage, sourcesOut, resourcesOut);
        Generation generation = new Generation(sources, resources, diagnostics);
        generation.run(analysis.connectors(), analysis.services(), basePackage);
        if (diagnostics.hasErrors()) {
            return CompilationResult.failed(diagnostics.all());
        }
        CompilationResult result = generation.finish(diagnostics, analysis.partners.wsimportRuns(), analysis.wsimportTime());
        new InputStamp(inputs, outside).write(sourcesOut);
        return result;
    }

    /**
     * Deletes every file earlier runs generated in these folders, and their stamp, leaving anything
     * else alone: for a project whose ESS inputs are gone.
     *
     * @return the files deleted
     */
    public static List<Path> removeOutputs(Path sourcesOut, Path resourcesOut) throws IOException {
        List<Path> removed = new ArrayList<>();
        for (Path folder : List.of(sourcesOut, resourcesOut)) {
            OutputWriter writer = new OutputWriter(folder);
            List<Path> previous = writer.previousOutputs();
            if (!previous.isEmpty()) {
                previous.stream().filter(Files::isRegularFile).forEach(removed::add);
                writer.finish();
            }
        }
        Files.deleteIfExists(sourcesOut.resolve(InputStamp.FILE));
        return removed;
    }

    /**
     * The front half: load, parse, resolve and check every connector, reporting all problems.
     * Each WSDL is compiled once, however many manifests target it.
     */
    private static final class Analysis {
        private final Path inputDirectory;
        private final String basePackage;
        private final PartnerCompiler partners;
        private final Diagnostics diagnostics;
        private final Map<Path, Optional<PartnerService>> services = new TreeMap<>();
        private final List<BoundConnector> connectors = new ArrayList<>();
        private final List<Path> filesRead = new ArrayList<>();
        private Duration wsimportTime = Duration.ZERO;

        Analysis(Path inputDirectory, String basePackage, PartnerCompiler partners, Diagnostics diagnostics) {
            this.inputDirectory = inputDirectory.toAbsolutePath().normalize();
            this.basePackage = basePackage;
            this.partners = partners;
            this.diagnostics = diagnostics;
        }

        void run() throws IOException {
            List<Path> manifestFiles = manifests(inputDirectory);
            if (manifestFiles.isEmpty()) {
                diagnostics.report(DiagnosticCode.NO_MANIFESTS, Position.of(inputDirectory), diagnostics.display(inputDirectory));
                return;
            }
            ManifestLoader loader = new ManifestLoader(diagnostics);
            MappingParser parser = new MappingParser(diagnostics);
            MappingChecker checker = new MappingChecker(diagnostics);
            Map<String, Manifest> ids = new HashMap<>();
            for (Path file : manifestFiles) {
                filesRead.add(file);
                Optional<Manifest> loaded = loader.load(file);
                if (loaded.isEmpty()) {
                    continue;
                }
                Manifest manifest = loaded.get();
                Manifest sameId = ids.putIfAbsent(manifest.id().value(), manifest);
                if (sameId != null) {
                    diagnostics.report(DiagnosticCode.DUPLICATE_ID, manifest.id().position(), manifest.id().value(),
                            diagnostics.display(sameId.file()));
                    continue;
                }
                if (manifest.wsdl().isEmpty() || manifest.operation().isEmpty() || manifest.mapping().isEmpty()) {
                    if (manifest.errorFree()) {
                        diagnostics.reportWithHint(DiagnosticCode.NOTHING_TO_GENERATE, manifest.id().position(),
                                "add 'wsdl: <partner>.wsdl', 'operation: <name>' and 'mapping: <file>.essmap'",
                                manifest.id().value());
                    }
                    continue; // else what is missing was reported with the manifest's own errors
                }
                Optional<MappingFile> mapping = parseMapping(parser, manifest, manifest.mapping().get(), diagnostics);
                mapping.ifPresent(parsed -> filesRead.add(parsed.file()));
                Optional<PartnerService> service = service(manifest);
                Optional<PartnerPort> port = service.flatMap(compiled -> port(manifest, compiled));
                Optional<PartnerOperation> operation = port.flatMap(chosen -> operation(manifest, chosen));
                if (mapping.isPresent() && operation.isPresent()) {
                    checker.check(manifest, mapping.get(), service.get(), port.get(), operation.get(),
                            manifest.mapping().get().position()).ifPresent(connectors::add);
                }
            }
        }

        private Optional<PartnerService> service(Manifest manifest) {
            Located<String> wsdl = manifest.wsdl().orElseThrow();
            Path file = manifest.resolve(wsdl.value());
            if (services.containsKey(file)) {
                return services.get(file);
            }
            Path folder = file.startsWith(inputDirectory) ? inputDirectory : file.getParent();
            String stubPackage = Names.stubPackage(basePackage, file.startsWith(inputDirectory)
                    ? inputDirectory.relativize(file) : file.getFileName());
            long start = System.nanoTime();
            Optional<PartnerService> service = partners.compile(file, folder, wsdl.position(), stubPackage);
            wsimportTime = wsimportTime.plusNanos(System.nanoTime() - start);
            service.ifPresentOrElse(compiled -> filesRead.addAll(compiled.files()), () -> filesRead.add(file));
            services.put(file, service);
            return service;
        }

        private Optional<PartnerPort> port(Manifest manifest, PartnerService service) {
            if (manifest.port().isEmpty()) {
                Optional<PartnerPort> port = service.defaultPort();
                if (port.isEmpty()) {
                    diagnostics.reportWithHint(DiagnosticCode.NO_SOAP_PORT, manifest.wsdl().orElseThrow().position(),
                            "ESS calls partners over HTTP; its ports: " + String.join(", ", service.ports().stream()
                                    .map(found -> found.name() + " at " + found.address()).toList())
                                    + " (name one with 'port:' if the partner also answers over HTTP at target_url)",
                            service.wsdl().getFileName());
                }
                return port;
            }
            Located<String> name = manifest.port().get();
            Optional<PartnerPort> port = service.port(name.value());
            if (port.isEmpty()) {
                List<String> names = service.ports().stream().map(PartnerPort::name).toList();
                String hint = Suggestions.didYouMean(name.value(), names);
                diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_PORT, name.position(),
                        hint != null ? hint : "ports: " + String.join(", ",
                                service.ports().stream().map(PartnerPort::describe).toList()),
                        name.value(), service.wsdl().getFileName());
            }
            return port;
        }

        private Optional<PartnerOperation> operation(Manifest manifest, PartnerPort port) {
            Located<String> name = manifest.operation().orElseThrow();
            Optional<PartnerOperation> operation = port.operation(name.value());
            if (operation.isEmpty()) {
                List<String> names = port.operations().stream().map(PartnerOperation::name).distinct().sorted().toList();
                String hint = Suggestions.didYouMean(name.value(), names);
                diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_OPERATION, name.position(),
                        hint != null ? hint : "operations of port " + port.name() + ": " + String.join(", ", names),
                        name.value(), manifest.wsdl().orElseThrow().value());
            }
            return operation;
        }

        List<BoundConnector> connectors() {
            return connectors;
        }

        /** The compiled WSDLs the connectors use. */
        Map<Path, PartnerService> services() {
            Map<Path, PartnerService> used = new TreeMap<>();
            for (BoundConnector connector : connectors) {
                used.put(connector.service().wsdl(), connector.service());
            }
            return used;
        }

        List<Path> filesRead() {
            return filesRead;
        }

        Duration wsimportTime() {
            return wsimportTime;
        }
    }

    private static Optional<MappingFile> parseMapping(MappingParser parser, Manifest manifest,
            Located<MappingSource> mapping, Diagnostics diagnostics) {
        if (mapping.value() instanceof MappingSource.Inline inline) {
            return parser.parse(manifest.file(), inline.text());
        }
        String name = ((MappingSource.File) mapping.value()).name();
        Path file = manifest.resolve(name);
        if (!Files.isRegularFile(file)) {
            diagnostics.reportWithHint(DiagnosticCode.FILE_NOT_FOUND, mapping.position(),
                    "the path is relative to the manifest's folder", name);
            return Optional.empty();
        }
        return parser.parse(file);
    }

    private static List<Path> manifests(Path inputDirectory) throws IOException {
        if (!Files.isDirectory(inputDirectory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(inputDirectory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString();
                        return name.endsWith(".yml") || name.endsWith(".yaml");
                    })
                    .sorted()
                    .toList();
        }
    }

    /** The emit phase: the stubs of every WSDL, one connector per manifest, then the service list. */
    private static final class Generation {
        private final Diagnostics diagnostics;
        private final OutputWriter sources;
        private final OutputWriter resources;
        private final Map<String, byte[]> sourceFiles = new TreeMap<>();
        private final Map<String, byte[]> resourceFiles = new TreeMap<>();
        private final Map<String, Path> origins = new HashMap<>();

        Generation(OutputWriter sources, OutputWriter resources, Diagnostics diagnostics) {
            this.diagnostics = diagnostics;
            this.sources = sources;
            this.resources = resources;
        }

        void run(List<BoundConnector> connectors, Map<Path, PartnerService> services, String basePackage) {
            for (PartnerService service : services.values()) {
                service.stubs().forEach((path, content) -> addSource(path, content, service.wsdl()));
                resourceFiles.putAll(service.resources());
            }
            ConnectorEmitter emitter = new ConnectorEmitter();
            TreeSet<String> connectorClasses = new TreeSet<>();
            for (BoundConnector connector : connectors) {
                JavaFile file = emitter.emit(connector, basePackage);
                String className = file.packageName() + "." + file.typeSpec().name();
                connectorClasses.add(className);
                addSource(className.replace('.', '/') + ".java", file.toString().getBytes(StandardCharsets.UTF_8),
                        connector.manifest().file());
            }
            if (!connectorClasses.isEmpty()) {
                StringBuilder registrations = new StringBuilder();
                connectorClasses.forEach(name -> registrations.append(name).append('\n'));
                resourceFiles.put(SERVICES_FILE, registrations.toString().getBytes(StandardCharsets.UTF_8));
            }
        }

        private void addSource(String path, byte[] content, Path origin) {
            Path earlier = origins.putIfAbsent(path, origin);
            if (earlier != null) {
                diagnostics.report(DiagnosticCode.GENERATED_NAME_CLASH, Position.of(origin), path,
                        diagnostics.display(earlier), diagnostics.display(origin));
                return;
            }
            sourceFiles.put(path, content);
        }

        CompilationResult finish(Diagnostics diagnostics, int wsdlsImported, Duration wsimportTime) throws IOException {
            for (Map.Entry<String, byte[]> file : sourceFiles.entrySet()) {
                sources.write(file.getKey(), file.getValue());
            }
            for (Map.Entry<String, byte[]> file : resourceFiles.entrySet()) {
                resources.write(file.getKey(), file.getValue());
            }
            sources.finish();
            resources.finish();
            List<Path> generated = new ArrayList<>(sources.generated());
            generated.addAll(resources.generated());
            List<Path> changed = new ArrayList<>(sources.changed());
            changed.addAll(resources.changed());
            return new CompilationResult(diagnostics.all(), generated, changed, false, wsdlsImported, wsimportTime);
        }
    }
}
