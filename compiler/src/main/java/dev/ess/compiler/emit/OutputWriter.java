package dev.ess.compiler.emit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes generated files only when their content changed, so a rebuild with nothing new leaves
 * timestamps alone, and deletes the files an earlier run generated that this one no longer does.
 * Each output folder keeps the list of files ESS wrote there; nothing else in it is touched.
 */
public final class OutputWriter {

    static final String INDEX = ".ess-generated";

    private final Path root;
    private final Set<String> written = new TreeSet<>();
    private final List<Path> changed = new ArrayList<>();

    public OutputWriter(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** @param relativePath a '/'-separated path below the root */
    public void write(String relativePath, byte[] content) throws IOException {
        Path file = root.resolve(relativePath);
        written.add(relativePath);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        changed.add(file);
    }

    public void write(String relativePath, String content) throws IOException {
        write(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The files the previous run generated, as its index lists them. */
    public List<Path> previousOutputs() throws IOException {
        Path index = root.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            return List.of();
        }
        return Files.readAllLines(index, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(root::resolve)
                .toList();
    }

    /** Whether a previous run left its index and every file it lists. */
    public boolean previousOutputsExist() throws IOException {
        return Files.isRegularFile(root.resolve(INDEX)) && previousOutputs().stream().allMatch(Files::isRegularFile);
    }

    /** Deletes what the previous run wrote and this one did not, then records this run's files. */
    public void finish() throws IOException {
        Path index = root.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            for (String previous : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                if (!previous.isBlank() && !written.contains(previous) && !previous.contains("..")) {
                    Files.deleteIfExists(root.resolve(previous));
                }
            }
        }
        StringBuilder text = new StringBuilder();
        written.forEach(path -> text.append(path).append('\n'));
        byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
        if (!Files.isRegularFile(index) || !Arrays.equals(Files.readAllBytes(index), content)) {
            Files.createDirectories(root);
            Files.write(index, content);
        }
    }

    /** The files this run wrote because they were new or different. */
    public List<Path> changed() {
        return List.copyOf(changed);
    }

    /** Every file this run generated, changed or not. */
    public List<Path> generated() {
        return written.stream().map(root::resolve).toList();
    }
}
