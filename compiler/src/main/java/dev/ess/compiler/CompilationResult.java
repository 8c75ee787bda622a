package dev.ess.compiler;

import dev.ess.compiler.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a compilation produced.
 *
 * @param diagnostics every error and warning, in the order found
 * @param generatedFiles every file generated, written or already up to date; empty on errors
 * @param changedFiles the generated files that were new or different and so were written
 * @param upToDate nothing the outputs depend on had changed since the last run, so nothing was done
 * @param wsdlsImported how many WSDLs wsimport ran on; the others were compiled earlier in this JVM, unchanged since
 * @param wsimportTime how long reading the WSDLs took, wsimport included, to tell it from the time ESS took itself
 */
public record CompilationResult(List<Diagnostic> diagnostics, List<Path> generatedFiles, List<Path> changedFiles,
        boolean upToDate, int wsdlsImported, Duration wsimportTime) {

    static CompilationResult failed(List<Diagnostic> diagnostics) {
        return new CompilationResult(diagnostics, List.of(), List.of(), false, 0, Duration.ZERO);
    }

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
