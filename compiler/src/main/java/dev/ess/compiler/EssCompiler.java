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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
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
        List<CheckedConnector> connectors = analyse(inputDirectory, diagnostics);
        if (diagnostics.hasErrors()) {
            return CompilationResult.failed(diagnostics.all());
        }
        SortedSet<Path> outside = InputStamp.outside(inputDirectory, connectors);
        String inputs = InputStamp.inputsOf(inputDirectory, outside, basePackage, sourcesOut, resourcesOut);
        Generation generation = new Generation(inputDirectory, sources, resources, basePackage, previous, diagnostics);
        generation.run(connectors);
        if (diagnostics.hasErrors()) {
            return CompilationResult.failed(diagnostics.all());
        }
        CompilationResult result = generation.finish(diagnostics);
        new InputStamp(inputs, outside, generation.stubKeys).write(sourcesOut);
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

    /** Load, parse, resolve and check every connector, reporting all problems. */
    private static List<CheckedConnector> analyse(Path inputDirectory, Diagnostics diagnostics) throws IOException {
        List<Path> manifestFiles = manifests(inputDirectory);
        if (manifestFiles.isEmpty()) {
            diagnostics.report(DiagnosticCode.NO_MANIFESTS, Position.of(inputDirectory), diagnostics.display(inputDirectory));
            return List.of();
        }
        ManifestLoader loader = new ManifestLoader(diagnostics);
        MappingParser parser = new MappingParser(diagnostics);
        SoapTargets targets = new SoapTargets(new WsdlReader(diagnostics), diagnostics);
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
            Optional<SoapTarget> target = targets.read(manifest.resolve(wsdl), wsdl.position(), operation);
            if (mapping.isPresent() && target.isPresent()) {
                checker.check(manifest, mapping.get(), target.get(), mappingName.position()).ifPresent(connectors::add);
            }
        }
        return connectors;
    }

    /**
     * Reads each WSDL operation once, however many manifests target it. Only a read that went
     * without any diagnostic is shared: one that reported something reports it again for each
     * manifest, at that manifest's position.
     */
    private static final class SoapTargets {
        private final WsdlReader reader;
        private final Diagnostics diagnostics;
        private final Map<List<String>, SoapTarget> read = new HashMap<>();

        SoapTargets(WsdlReader reader, Diagnostics diagnostics) {
            this.reader = reader;
            this.diagnostics = diagnostics;
        }

        Optional<SoapTarget> read(Path wsdl, Position wsdlPosition, Located<String> operation) {
            List<String> key = List.of(wsdl.toString(), operation.value());
            SoapTarget known = read.get(key);
            if (known != null) {
                return Optional.of(known);
            }
            int reported = diagnostics.all().size();
            Optional<SoapTarget> target = reader.read(wsdl, wsdlPosition, operation.value(), operation.position());
            if (target.isPresent() && diagnostics.all().size() == reported) {
                read.put(key, target.get());
            }
            return target;
        }
    }

    private static Optional<MappingFile> parseMapping(MappingParser parser, Manifest manifest, Located<String> mapping,
            Diagnostics diagnostics) {
        if (manifest.inlineMapping().isPresent()) {
            return parser.parse(manifest.file(), manifest.inlineMapping().get());
        }
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

    /**
     * The emit phase: stubs once per WSDL (reused from the previous run when nothing they depend on
     * changed), then one connector per manifest, then the service list.
     */
    private static final class Generation {
        private final Path inputDirectory;
        private final String basePackage;
        private final Optional<InputStamp> previous;
        private final Diagnostics diagnostics;
        private final OutputWriter sources;
        private final OutputWriter resources;
        private final Map<String, byte[]> sourceFiles = new TreeMap<>();
        private final Map<String, byte[]> resourceFiles = new TreeMap<>();
        private final Map<String, Path> origins = new HashMap<>();
        private final SortedMap<String, List<String>> stubKeys = new TreeMap<>();
        private int wsdlsImported;
        private Duration wsimportTime = Duration.ZERO;

        Generation(Path inputDirectory, OutputWriter sources, OutputWriter resources, String basePackage,
                Optional<InputStamp> previous, Diagnostics diagnostics) {
            this.inputDirectory = inputDirectory.toAbsolutePath().normalize();
            this.basePackage = basePackage;
            this.previous = previous;
            this.diagnostics = diagnostics;
            this.sources = sources;
            this.resources = resources;
        }

        void run(List<CheckedConnector> connectors) throws IOException {
            Map<Path, JavaNames> stubs = new TreeMap<>();
            WsimportDriver wsimport = new WsimportDriver(diagnostics);
            for (CheckedConnector connector : connectors) {
                Path wsdl = connector.target().wsdl().toAbsolutePath().normalize();
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
                JavaFile file = emitter.emit(connector,
                        stubs.get(connector.target().wsdl().toAbsolutePath().normalize()), basePackage);
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
            String stubPackage = JavaNames.stubPackage(basePackage, stubName(wsdl));
            String resource = stubPackage.replace('.', '/') + "/" + wsdl.getFileName();
            String key = InputStamp.stubKey(wsdl, stubPackage, resource);
            Optional<List<String>> reusable = previous.flatMap(stamp -> stamp.stubsIfPresent(key, sources.root()));
            Map<String, byte[]> generated;
            if (reusable.isPresent()) {
                generated = new TreeMap<>();
                for (String file : reusable.get()) {
                    generated.put(file, Files.readAllBytes(sources.root().resolve(file)));
                }
            } else {
                long start = System.nanoTime();
                Optional<Map<String, byte[]>> imported = wsimport.generate(wsdl, stubPackage, resource);
                wsimportTime = wsimportTime.plusNanos(System.nanoTime() - start);
                if (imported.isEmpty()) {
                    return Optional.empty();
                }
                generated = imported.get();
                wsdlsImported++;
            }
            stubKeys.put(key, List.copyOf(generated.keySet()));
            TreeSet<String> classes = new TreeSet<>();
            for (Map.Entry<String, byte[]> file : generated.entrySet()) {
                addSource(file.getKey(), file.getValue(), wsdl);
                String name = file.getKey().substring(file.getKey().lastIndexOf('/') + 1);
                classes.add(name.endsWith(".java") ? name.substring(0, name.length() - ".java".length()) : name);
            }
            resourceFiles.put(resource, Files.readAllBytes(wsdl));
            return Optional.of(new JavaNames(stubPackage, classes));
        }

        /**
         * What names a WSDL's stub package: its path below the input folder, so two WSDLs of the
         * same name in different folders never share a package; its file name when outside.
         */
        private Path stubName(Path wsdl) {
            Path file = wsdl.toAbsolutePath().normalize();
            return file.startsWith(inputDirectory) ? inputDirectory.relativize(file) : file.getFileName();
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
            return new CompilationResult(diagnostics.all(), generated, changed, false, wsdlsImported, wsimportTime);
        }
    }
}
