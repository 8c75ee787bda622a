package dev.ess.compiler.partner;

import com.sun.tools.ws.processor.model.Model;
import com.sun.tools.ws.wscompile.BadCommandLineException;
import com.sun.tools.ws.wscompile.WsimportTool;
import com.sun.tools.xjc.Options;
import com.sun.tools.xjc.Plugin;
import com.sun.tools.xjc.outline.Outline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Runs JAX-WS wsimport in-process on one WSDL and keeps, besides the stub sources it writes, the
 * two models it wrote them from: wsimport's model of services, ports and operations, and XJC's
 * outline of the schema's classes and properties. The compiler takes every Java name and shape
 * from these, so generated connectors call exactly what the stubs declare.
 *
 * <p>wsimport reads only the documents ESS has checked: anything else it asks for is refused, so
 * a build never waits on the network.
 */
final class Wsimport {

    /** wsimport and the XJC inside it keep static state: one run at a time per JVM. */
    private static final Object LOCK = new Object();

    /**
     * What wsimport reported, where it said.
     *
     * @param systemId the document, as a URI, or {@code null}
     */
    record Finding(String message, String systemId, int line, int column) {

        static Finding of(SAXParseException e) {
            String message = e.getMessage() != null ? e.getMessage()
                    : e.getException() != null ? String.valueOf(e.getException()) : "no message";
            return new Finding(message.strip(), e.getSystemId(), e.getLineNumber(), e.getColumnNumber());
        }
    }

    /**
     * One run's results; the models and sources are {@code null} when it failed.
     *
     * @param sources the stub sources by their path below the source root, with '\n' line ends
     */
    record Run(Model model, Outline outline, Map<String, byte[]> sources, List<Finding> errors, List<Finding> warnings) {

        boolean succeeded() {
            return errors.isEmpty() && model != null && outline != null;
        }
    }

    private Wsimport() {}

    /**
     * @param wsdlResource where the stubs will load the WSDL from the classpath, without the leading '/'
     */
    static Run run(WsdlSources sources, StubPackages packages, String wsdlResource) {
        Path work = null;
        try {
            work = Files.createTempDirectory("ess-wsimport");
            Path sourceRoot = Files.createDirectories(work.resolve("src"));
            Path classes = Files.createDirectories(work.resolve("classes"));
            String wsdlUri = sources.root().toUri().toString();
            Path jaxws = Files.writeString(work.resolve("jaxws-bindings.xml"), packages.jaxwsBindings(wsdlUri));
            Path jaxb = Files.writeString(work.resolve("jaxb-bindings.xml"), packages.jaxbBindings());
            Map<String, byte[]> served = new HashMap<>();
            sources.contents().forEach((file, bytes) -> served.put(file.toUri().toString(), bytes));
            for (Path bindings : List.of(jaxws, jaxb)) {
                served.put(bindings.toUri().toString(), Files.readAllBytes(bindings));
            }
            CapturingTool tool = new CapturingTool(served);
            String[] arguments = {
                "-keep", "-Xnocompile", "-extension", "-XadditionalHeaders", "-XdisableAuthenticator",
                "-encoding", "UTF-8",
                "-s", sourceRoot.toString(),
                "-d", classes.toString(),
                "-wsdllocation", "/" + wsdlResource,
                "-B-no-header",
                "-b", jaxws.toString(),
                "-b", jaxb.toString(),
                wsdlUri,
            };
            synchronized (LOCK) {
                tool.runWith(arguments);
            }
            if (!tool.errors.isEmpty() || tool.model == null || tool.outline == null) {
                if (tool.errors.isEmpty()) {
                    tool.errors.add(new Finding("wsimport stopped without saying why", wsdlUri, 0, 0));
                }
                return new Run(null, null, Map.of(), tool.errors, tool.warnings);
            }
            return new Run(tool.model, tool.outline, readSources(sourceRoot), tool.errors, tool.warnings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wsimport in a temporary folder", e);
        } finally {
            if (work != null) {
                deleteRecursively(work);
            }
        }
    }

    /** wsimport, with its two models kept and its messages collected instead of printed. */
    private static final class CapturingTool extends WsimportTool {
        private final List<Finding> errors = new ArrayList<>();
        private final List<Finding> warnings = new ArrayList<>();
        private Model model;
        private Outline outline;

        CapturingTool(Map<String, byte[]> served) {
            super(OutputStream.nullOutputStream());
            setEntityResolver((publicId, systemId) -> {
                if (systemId == null || systemId.isEmpty()) {
                    return null; // an xs:import by namespace alone: nothing to read
                }
                byte[] bytes = served.get(normalized(systemId));
                if (bytes == null) {
                    throw new IOException("ESS reads only the local documents it has checked, not " + systemId);
                }
                InputSource source = new InputSource(new ByteArrayInputStream(bytes));
                source.setSystemId(systemId);
                return source;
            });
            options.getSchemaCompiler().getOptions().activePlugins.add(new OutlineCapture());
        }

        void runWith(String[] arguments) {
            Listener listener = new Listener() {
                @Override
                public void error(SAXParseException e) {
                    errors.add(Finding.of(e));
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add(Finding.of(e));
                }

                @Override
                public void warning(SAXParseException e) {
                    warnings.add(Finding.of(e));
                }

                @Override
                public void info(SAXParseException e) {
                    // progress, not findings
                }

                @Override
                public void message(String message) {
                    // progress, not findings
                }
            };
            try {
                if (!run(arguments, listener, new Receiver(listener)) && errors.isEmpty()) {
                    errors.add(new Finding("wsimport failed without saying why", null, 0, 0));
                }
            } catch (RuntimeException e) {
                // wsimport aborts by throwing once it has reported the error; a bare exception is a finding too.
                if (errors.isEmpty()) {
                    errors.add(new Finding(String.valueOf(e), null, 0, 0));
                }
            } catch (InternalError e) {
                // XSOM's way of saying that a reference it warned about (src-resolve) resolves to nothing.
                errors.add(new Finding("the schema refers to a type or element it declares nowhere ("
                        + e.getMessage() + "); see wsimport's src-resolve warning", null, 0, 0));
            }
        }

        @Override
        protected Model buildWsdlModel(Listener listener, Receiver receiver)
                throws BadCommandLineException, XMLStreamException, IOException {
            model = super.buildWsdlModel(listener, receiver);
            return model;
        }

        /** An XJC plugin in name only: it runs once XJC has its outline, and keeps it. */
        private final class OutlineCapture extends Plugin {
            @Override
            public String getOptionName() {
                return "Xess-outline";
            }

            @Override
            public String getUsage() {
                return "";
            }

            @Override
            public boolean run(Outline result, Options options, ErrorHandler errorHandler) {
                outline = result;
                return true;
            }
        }
    }

    /** A file URI in one spelling: {@code file:/x} and {@code file:///x} name the same file. */
    static String normalized(String systemId) {
        try {
            URI uri = new URI(systemId);
            if ("file".equals(uri.getScheme())) {
                return Path.of(uri).toAbsolutePath().normalize().toUri().toString();
            }
        } catch (Exception e) {
            // not a file URI: compared as written
        }
        return systemId;
    }

    private static Map<String, byte[]> readSources(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String text = Files.readString(file, StandardCharsets.UTF_8);
                // wsimport ends lines the platform's way; generated files end them with '\n' on every machine.
                files.put(relative, text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return files;
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
