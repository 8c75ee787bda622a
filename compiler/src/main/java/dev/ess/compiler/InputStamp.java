package dev.ess.compiler;

import com.palantir.javapoet.JavaFile;
import com.sun.tools.ws.wscompile.WsimportTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a run's outputs were made from, kept beside them. Its first line hashes everything the
 * outputs depend on: every file of the input folder, the files outside it that the inputs name
 * (listed on {@code outside} lines: a WSDL elsewhere, a schema it imports), the configuration
 * and the generator's own build. When it matches, the run has nothing to do, and can tell so
 * without parsing a single input.
 *
 * @param inputs the hash of all inputs
 * @param outside the files outside the input folder the inputs depend on
 */
record InputStamp(String inputs, SortedSet<Path> outside) {

    static final String FILE = ".ess-stamp";

    private static final String HEADER = "ess-stamp ";
    private static final String OUTSIDE = "outside ";

    InputStamp {
        outside = new TreeSet<>(outside);
    }

    /** Of the files a run read, those outside the input folder. */
    static SortedSet<Path> outside(Path inputDirectory, Collection<Path> read) {
        Path folder = inputDirectory.toAbsolutePath().normalize();
        TreeSet<Path> files = new TreeSet<>();
        for (Path file : read) {
            Path absolute = file.toAbsolutePath().normalize();
            if (!absolute.startsWith(folder)) {
                files.add(absolute);
            }
        }
        return files;
    }

    /**
     * The hash of every file of the input folder and of the given files outside it, the
     * configuration and the generator.
     */
    static String inputsOf(Path inputDirectory, SortedSet<Path> outside, String basePackage, Path sourcesOut,
            Path resourcesOut) throws IOException {
        TreeSet<Path> files = new TreeSet<>(outside);
        Path folder = inputDirectory.toAbsolutePath().normalize();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        MessageDigest digest = sha256();
        update(digest, "generator " + Generator.FINGERPRINT);
        update(digest, "package " + basePackage);
        update(digest, "input " + folder);
        update(digest, "sources " + sourcesOut.toAbsolutePath().normalize());
        update(digest, "resources " + resourcesOut.toAbsolutePath().normalize());
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                update(digest, "file " + file);
                digest.update(Files.readAllBytes(file));
            } else {
                update(digest, "missing " + file);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The stamp an earlier run left in the sources folder, if any and if readable. */
    static Optional<InputStamp> read(Path sourcesOut) throws IOException {
        Path file = sourcesOut.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER)) {
            return Optional.empty();
        }
        TreeSet<Path> outside = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(OUTSIDE)) {
                outside.add(Path.of(line.substring(OUTSIDE.length())));
            }
        }
        return Optional.of(new InputStamp(lines.get(0).substring(HEADER.length()), outside));
    }

    void write(Path sourcesOut) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append(inputs).append('\n');
        outside.forEach(file -> text.append(OUTSIDE).append(file).append('\n'));
        Files.createDirectories(sourcesOut);
        Files.writeString(sourcesOut.resolve(FILE), text, StandardCharsets.UTF_8);
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

    /**
     * The generator's build: a hash of the compiler's own classes (its jar, or its classes folder
     * when run from a reactor build), and the versions of JavaPoet and wsimport, whose output
     * the generated files also are.
     */
    static final class Generator {

        static final String FINGERPRINT = fingerprint();

        private Generator() {}

        private static String fingerprint() {
            MessageDigest digest = sha256();
            Path compiler = location(EssCompiler.class);
            try {
                if (Files.isDirectory(compiler)) {
                    try (Stream<Path> walk = Files.walk(compiler)) {
                        for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                            update(digest, compiler.relativize(file).toString().replace('\\', '/'));
                            digest.update(Files.readAllBytes(file));
                        }
                    }
                } else {
                    digest.update(Files.readAllBytes(compiler));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the compiler's own classes at " + compiler, e);
            }
            update(digest, "javapoet " + location(JavaFile.class).getFileName());
            update(digest, "wsimport " + location(WsimportTool.class).getFileName());
            return HexFormat.of().formatHex(digest.digest());
        }

        private static Path location(Class<?> type) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            try {
                return Path.of(source.getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("unexpected class location " + source.getLocation(), e);
            }
        }
    }
}
