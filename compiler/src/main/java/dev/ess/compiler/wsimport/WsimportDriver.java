package dev.ess.compiler.wsimport;

import com.sun.tools.ws.wscompile.WsimportTool;
import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs JAX-WS wsimport in-process on one WSDL and returns the stub sources it wrote. The stubs
 * load the WSDL from the classpath, at the resource path given, so they work offline.
 */
public final class WsimportDriver {

    /** wsimport and the XJC inside it keep static state: one run at a time per JVM. */
    private static final Object LOCK = new Object();

    private final Diagnostics diagnostics;

    public WsimportDriver(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param wsdlResource the WSDL's path on the classpath, without the leading '/'
     * @return source files by their path relative to the source root, or empty on failure (reported)
     */
    public Optional<Map<String, byte[]>> generate(Path wsdl, String packageName, String wsdlResource) {
        Path workDirectory = null;
        try {
            workDirectory = Files.createTempDirectory("ess-wsimport");
            Path sources = Files.createDirectories(workDirectory.resolve("src"));
            Path classes = Files.createDirectories(workDirectory.resolve("classes"));
            // As a URI: wsimport matches the bindings to the WSDL by URI, and paths may hold spaces.
            String wsdlLocation = wsdl.toAbsolutePath().toUri().toString();
            Path bindings = Files.writeString(workDirectory.resolve("bindings.xml"), bindings(wsdlLocation));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            boolean succeeded;
            synchronized (LOCK) {
                succeeded = new WsimportTool(log).run(new String[] {
                    "-keep", "-Xnocompile", "-quiet",
                    "-encoding", "UTF-8",
                    "-s", sources.toString(),
                    "-d", classes.toString(),
                    "-p", packageName,
                    "-wsdllocation", "/" + wsdlResource,
                    "-B-no-header",
                    "-b", bindings.toString(),
                    wsdlLocation,
                });
            }
            if (!succeeded) {
                diagnostics.report(DiagnosticCode.WSIMPORT_FAILED, Position.of(wsdl), wsdl.getFileName(),
                        summary(log.toString(StandardCharsets.UTF_8)));
                return Optional.empty();
            }
            return Optional.of(readSources(sources));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wsimport in a temporary folder", e);
        } catch (RuntimeException e) {
            diagnostics.report(DiagnosticCode.WSIMPORT_FAILED, Position.of(wsdl), wsdl.getFileName(), String.valueOf(e));
            return Optional.empty();
        } finally {
            if (workDirectory != null) {
                deleteRecursively(workDirectory);
            }
        }
    }

    /**
     * Turns JAX-WS "wrapper style" off, so every operation takes its request element as one
     * object and connectors always call {@code port.operation(request)}.
     */
    private static String bindings(String wsdlLocation) {
        String location = wsdlLocation.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        return "<bindings xmlns=\"https://jakarta.ee/xml/ns/jaxws\" wsdlLocation=\"" + location + "\">\n"
                + "  <enableWrapperStyle>false</enableWrapperStyle>\n"
                + "</bindings>\n";
    }

    private static Map<String, byte[]> readSources(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                files.put(relative, withUnixLineEnds(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    /** wsimport ends lines the platform's way; generated files end them with '\n' on every machine. */
    private static byte[] withUnixLineEnds(byte[] source) {
        String text = new String(source, StandardCharsets.UTF_8);
        return text.indexOf('\r') < 0 ? source : text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** wsimport's own error lines, without its banner and blank lines. */
    private static String summary(String log) {
        List<String> lines = log.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> errors = lines.stream().filter(line -> line.startsWith("[ERROR]")).toList();
        return String.join(" / ", errors.isEmpty() ? lines : errors);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
