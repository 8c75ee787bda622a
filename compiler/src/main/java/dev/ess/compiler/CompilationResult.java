package dev.ess.compiler;

import dev.ess.compiler.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * What a compilation produced.
 *
 * @param diagnostics every error and warning, in the order found
 * @param generatedFiles every file generated, written or already up to date; empty on errors
 * @param changedFiles the generated files that were new or different and so were written
 */
public record CompilationResult(List<Diagnostic> diagnostics, List<Path> generatedFiles, List<Path> changedFiles) {

    public CompilationResult {
        diagnostics = List.copyOf(diagnostics);
        generatedFiles = List.copyOf(generatedFiles);
        changedFiles = List.copyOf(changedFiles);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
