package dev.ess.compiler;

import com.palantir.javapoet.JavaFile;
import dev.ess.compiler.check.CheckedConnector;
import dev.ess.compiler.check.MappingChecker;
import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.emit.ConnectorEmitter;
import dev.ess.compiler.emit.JavaNames;
import dev.ess.compiler.emit.OutputWriter;
import dev.ess.compiler.manifest.Located;
import dev.ess.compiler.manifest.Manifest;
import dev.ess.compiler.manifest.ManifestLoader;
import dev.ess.compiler.mapping.MappingFile;
import dev.ess.compiler.mapping.MappingParser;
import dev.ess.compiler.wsdl.SoapTarget;
import dev.ess.compiler.wsdl.WsdlReader;
import dev.ess.compiler.wsimport.WsimportDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Shows files in diagnostics as given. */
    public EssCompiler() {
        this(null);
    }

    /** @param displayRoot diagnostics show files below it relative to it, as a build tool would */
    public EssCompiler(Path displayRoot) {
        this.displayRoot = displayRoot;
    }

    /**
     * Compiles every manifest ({@code *.yml}, {@code *.yaml}) below {@code inputDirectory}.
     *
     * @throws IOException when the outputs cannot be written: a fault of the machine, not of the inputs
     */
    public CompilationResult compile(Path inputDirectory, Path sourcesOut, Path resourcesOut, String basePackage)
            throws IOException {
        Diagnostics diagnostics = new Diagnostics(displayRoot);
        List<CheckedConnector> connectors = analyse(inputDirectory, diagnostics);
        if (diagnostics.hasErrors()) {
            return new CompilationResult(diagnostics.all(), List.of(), List.of());
        }
        String stamp = InputStamp.of(connectors, basePackage, sourcesOut, resourcesOut);
        OutputWriter sources = new OutputWriter(sourcesOut);
        OutputWriter resources = new OutputWriter(resourcesOut);
        if (stamp.equals(readStamp(sourcesOut)) && sources.previousOutputsExist() && resources.previousOutputsExist()) {
            List<Path> generated = new ArrayList<>(sources.previousOutputs());
            generated.addAll(resources.previousOutputs());
            return new CompilationResult(diagnostics.all(), generated, List.of());
        }
        Generation generation = new Generation(sources, resources, basePackage, diagnostics);
        generation.run(connectors);
        if (diagnostics.hasErrors()) {
            return new CompilationResult(diagnostics.all(), List.of(), List.of());
        }
        CompilationResult result = generation.finish(diagnostics);
        Files.writeString(sourcesOut.resolve(InputStamp.FILE), stamp, StandardCharsets.UTF_8);
        return result;
    }

    private static String readStamp(Path sourcesOut) throws IOException {
        Path file = sourcesOut.resolve(InputStamp.FILE);
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }

    /** Load, parse, resolve and check every connector, reporting all problems. */
    private static List<CheckedConnector> analyse(Path inputDirectory, Diagnostics diagnostics) throws IOException {
        List<Path> manifestFiles = manifests(inputDirectory);
        if (manifestFiles.isEmpty()) {
            diagnostics.report(DiagnosticCode.NO_MANIFESTS, Position.of(inputDirectory), diagnostics.display(inputDirectory));
            return List.of();
        }
        ManifestLoader loader = new ManifestLoader(diagnostics);
        MappingParser parser = new MappingParser(diagnostics);
        WsdlReader wsdlReader = new WsdlReader(diagnostics);
        MappingChecker checker = new MappingChecker(diagnostics);
        Map<String, Manifest> ids = new HashMap<>();
        List<CheckedConnector> connectors = new ArrayList<>();
        for (Path file : manifestFiles) {
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
            if (manifest.wsdl().isEmpty() || manifest.operation().isEmpty()) {
                diagnostics.reportWithHint(DiagnosticCode.NOTHING_TO_GENERATE, manifest.id().position(),
                        "add 'wsdl: <partner>.wsdl', 'operation: <name>' and 'mapping: <file>.essmap'",
                        manifest.id().value());
                continue;
            }
            if (manifest.mapping().isEmpty()) {
                diagnostics.reportWithHint(DiagnosticCode.MISSING_KEY, manifest.wsdl().get().position(),
                        "add 'mapping: " + manifest.id().value() + ".essmap'", "mapping");
                continue;
            }
            Located<String> wsdl = manifest.wsdl().get();
            Located<String> operation = manifest.operation().get();
            Located<String> mappingName = manifest.mapping().get();
            Optional<MappingFile> mapping = parseMapping(parser, manifest, mappingName, diagnostics);
            Optional<SoapTarget> target = wsdlReader.read(manifest.resolve(wsdl), wsdl.position(),
                    operation.value(), operation.position());
            if (mapping.isPresent() && target.isPresent()) {
                checker.check(manifest, mapping.get(), target.get(), mappingName.position()).ifPresent(connectors::add);
            }
        }
        return connectors;
    }

    private static Optional<MappingFile> parseMapping(MappingParser parser, Manifest manifest, Located<String> mapping,
            Diagnostics diagnostics) {
        Path file = manifest.resolve(mapping);
        if (!Files.isRegularFile(file)) {
            diagnostics.reportWithHint(DiagnosticCode.FILE_NOT_FOUND, mapping.position(),
                    "the path is relative to the manifest's folder", mapping.value());
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

    /** The emit phase: stubs once per WSDL, then one connector per manifest, then the service list. */
    private static final class Generation {
        private final String basePackage;
        private final Diagnostics diagnostics;
        private final OutputWriter sources;
        private final OutputWriter resources;
        private final Map<String, byte[]> sourceFiles = new TreeMap<>();
        private final Map<String, byte[]> resourceFiles = new TreeMap<>();
        private final Map<String, Path> origins = new HashMap<>();

        Generation(OutputWriter sources, OutputWriter resources, String basePackage, Diagnostics diagnostics) {
            this.basePackage = basePackage;
            this.diagnostics = diagnostics;
            this.sources = sources;
            this.resources = resources;
        }

        void run(List<CheckedConnector> connectors) throws IOException {
            Map<Path, JavaNames> stubs = new TreeMap<>();
            WsimportDriver wsimport = new WsimportDriver(diagnostics);
            for (CheckedConnector connector : connectors) {
                Path wsdl = connector.target().wsdl();
                if (!stubs.containsKey(wsdl)) {
                    stubs(wsimport, wsdl).ifPresent(names -> stubs.put(wsdl, names));
                }
            }
            if (diagnostics.hasErrors()) {
                return;
            }
            ConnectorEmitter emitter = new ConnectorEmitter();
            TreeSet<String> connectorClasses = new TreeSet<>();
            for (CheckedConnector connector : connectors) {
                JavaFile file = emitter.emit(connector, stubs.get(connector.target().wsdl()), basePackage);
                String className = file.packageName() + "." + file.typeSpec().name();
                connectorClasses.add(className);
                addSource(className.replace('.', '/') + ".java", file.toString().getBytes(StandardCharsets.UTF_8),
                        connector.manifest().file());
            }
            if (!connectorClasses.isEmpty()) {
                StringBuilder services = new StringBuilder();
                connectorClasses.forEach(name -> services.append(name).append('\n'));
                resourceFiles.put(SERVICES_FILE, services.toString().getBytes(StandardCharsets.UTF_8));
            }
        }

        private Optional<JavaNames> stubs(WsimportDriver wsimport, Path wsdl) throws IOException {
            String stubPackage = JavaNames.stubPackage(basePackage, wsdl);
            String resource = stubPackage.replace('.', '/') + "/" + wsdl.getFileName();
            Optional<Map<String, byte[]>> generated = wsimport.generate(wsdl, stubPackage, resource);
            if (generated.isEmpty()) {
                return Optional.empty();
            }
            TreeSet<String> classes = new TreeSet<>();
            for (Map.Entry<String, byte[]> file : generated.get().entrySet()) {
                addSource(file.getKey(), file.getValue(), wsdl);
                String name = file.getKey().substring(file.getKey().lastIndexOf('/') + 1);
                classes.add(name.endsWith(".java") ? name.substring(0, name.length() - ".java".length()) : name);
            }
            resourceFiles.put(resource, Files.readAllBytes(wsdl));
            return Optional.of(new JavaNames(stubPackage, classes));
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

        CompilationResult finish(Diagnostics diagnostics) throws IOException {
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
            return new CompilationResult(diagnostics.all(), generated, changed);
        }
    }
}
