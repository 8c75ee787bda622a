package dev.ess.compiler.diagnostic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the diagnostics of a compilation, so each phase reports every problem it finds
 * before the compiler decides whether to go on.
 */
public final class Diagnostics {

    private final Path displayRoot;
    private final List<Diagnostic> reported = new ArrayList<>();
    private final Map<Path, List<String>> sourceLines = new HashMap<>();

    /**
     * @param displayRoot files below it are shown relative to it; {@code null} shows paths as given
     */
    public Diagnostics(Path displayRoot) {
        this.displayRoot = displayRoot == null ? null : displayRoot.toAbsolutePath().normalize();
    }

    public void report(DiagnosticCode code, Position position, Object... arguments) {
        reportWithHint(code, position, null, arguments);
    }

    public void reportWithHint(DiagnosticCode code, Position position, String hint, Object... arguments) {
        add(code, position, hint, sourceLine(position), arguments);
    }

    /**
     * Reports a finding about a secret written in an input: the quoted source line shows
     * {@code ****} in its place, so the secret goes no further into build logs.
     */
    public void reportHidingSecret(String secret, DiagnosticCode code, Position position, String hint,
            Object... arguments) {
        String line = sourceLine(position);
        add(code, position, hint, line == null || secret.isEmpty() ? line : line.replace(secret, "****"), arguments);
    }

    /** The same finding at the same spot is reported once, however often a tool says it. */
    private void add(DiagnosticCode code, Position position, String hint, String quotedLine, Object... arguments) {
        Diagnostic diagnostic = new Diagnostic(display(position.file()), position.line(), position.column(), code,
                code.message(arguments), hint, quotedLine);
        if (!reported.contains(diagnostic)) {
            reported.add(diagnostic);
        }
    }

    public boolean hasErrors() {
        return reported.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) reported.stream().filter(Diagnostic::isError).count();
    }

    /** Every diagnostic, by file, line and column; those of one spot in the order reported. */
    public List<Diagnostic> all() {
        return reported.stream()
                .sorted(Comparator.comparing(Diagnostic::file)
                        .thenComparingInt(Diagnostic::line)
                        .thenComparingInt(Diagnostic::column))
                .toList();
    }

    /** The file as the user should see it: relative to the display root when below it, with '/'. */
    public String display(Path file) {
        Path shown = file;
        if (displayRoot != null) {
            Path absolute = file.toAbsolutePath().normalize();
            if (absolute.startsWith(displayRoot) && !absolute.equals(displayRoot)) {
                shown = displayRoot.relativize(absolute);
            }
        }
        return shown.toString().replace('\\', '/');
    }

    private String sourceLine(Position position) {
        if (!position.hasLine()) {
            return null;
        }
        List<String> lines = sourceLines.computeIfAbsent(position.file(), Diagnostics::readLines);
        return position.line() <= lines.size() ? lines.get(position.line() - 1) : null;
    }

    private static List<String> readLines(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return (text.startsWith("\uFEFF") ? text.substring(1) : text).lines().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
