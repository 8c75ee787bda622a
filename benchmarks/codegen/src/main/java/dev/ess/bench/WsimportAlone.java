package dev.ess.bench;

import com.sun.tools.ws.wscompile.WsimportTool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Plain wsimport, in-process as ESS runs it, on each WSDL given, one after the other, with the
 * options ESS passes. Prints the milliseconds the wsimport runs took, after the JVM had started.
 *
 * <p>Arguments: an output folder, then the WSDLs.
 */
public final class WsimportAlone {

    private WsimportAlone() {}

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        long start = System.nanoTime();
        for (int i = 1; i < args.length; i++) {
            Path wsdl = Path.of(args[i]);
            Path folder = output.resolve(String.format(Locale.ROOT, "wsdl%02d", i));
            Path sources = Files.createDirectories(folder.resolve("src"));
            Path classes = Files.createDirectories(folder.resolve("classes"));
            String location = wsdl.toAbsolutePath().toUri().toString();
            Path bindings = Files.writeString(folder.resolve("bindings.xml"),
                    "<bindings xmlns=\"https://jakarta.ee/xml/ns/jaxws\" wsdlLocation=\"" + location + "\">\n"
                            + "  <enableWrapperStyle>false</enableWrapperStyle>\n</bindings>\n");
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            boolean succeeded = new WsimportTool(log).run(new String[] {
                "-keep", "-Xnocompile", "-quiet", "-encoding", "UTF-8",
                "-s", sources.toString(),
                "-d", classes.toString(),
                "-p", "bench.wsdl" + i,
                "-wsdllocation", "/bench/" + wsdl.getFileName(),
                "-B-no-header",
                "-b", bindings.toString(),
                location,
            });
            if (!succeeded) {
                throw new IllegalStateException("wsimport failed on " + wsdl + ": "
                        + log.toString(StandardCharsets.UTF_8));
            }
        }
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }
}
