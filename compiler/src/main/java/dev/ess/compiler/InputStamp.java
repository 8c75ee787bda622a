package dev.ess.compiler;

import dev.ess.compiler.check.CheckedConnector;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A hash of everything the output depends on: the input files, the configuration and the
 * compiler itself. When it matches the previous run's, generation (and wsimport) is skipped.
 */
final class InputStamp {

    static final String FILE = ".ess-stamp";

    private InputStamp() {}

    static String of(List<CheckedConnector> connectors, String basePackage, Path sourcesOut, Path resourcesOut)
            throws IOException {
        TreeSet<Path> inputs = new TreeSet<>();
        for (CheckedConnector connector : connectors) {
            inputs.add(connector.manifest().file().toAbsolutePath().normalize());
            inputs.add(connector.mapping().file().toAbsolutePath().normalize());
            inputs.add(connector.target().wsdl().toAbsolutePath().normalize());
        }
        MessageDigest digest = sha256();
        update(digest, "compiler " + compilerIdentity());
        update(digest, "package " + basePackage);
        update(digest, "sources " + sourcesOut.toAbsolutePath().normalize());
        update(digest, "resources " + resourcesOut.toAbsolutePath().normalize());
        for (Path input : inputs) {
            update(digest, "file " + input);
            digest.update(Files.readAllBytes(input));
        }
        return HexFormat.of().formatHex(digest.digest()) + "\n";
    }

    /** The compiler build: its version when packaged, else its classes' location and age. */
    private static String compilerIdentity() {
        String version = InputStamp.class.getPackage().getImplementationVersion();
        CodeSource source = InputStamp.class.getProtectionDomain().getCodeSource();
        String build = "";
        if (source != null) {
            try {
                Path location = Path.of(source.getLocation().toURI());
                build = location + " " + Files.getLastModifiedTime(location).toMillis() + " " + Files.size(location);
            } catch (URISyntaxException | IOException | RuntimeException e) {
                build = source.getLocation().toString();
            }
        }
        return version + " " + build;
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
