package dev.ess.compiler;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated code with javac as a user's build would: wsimport's stubs as they come, and
 * the classes ESS writes itself with every lint check on and warnings as errors.
 */
final class StrictJavac {

    private StrictJavac() {}

    /**
     * Compiles the stubs below {@code stubRoot}, failing only on their errors, then {@code essSources} against them with
     * {@code -Xlint:all -Werror}.
     *
     * @return every diagnostic javac gave on ESS's own classes, rendered; empty when they are clean
     */
    static List<String> compile(Path stubRoot, Collection<Path> essSources, Path work) throws IOException {
        Path stubClasses = Files.createDirectories(work.resolve("stub-classes"));
        // wsimport's code is not ESS's: javac's notes on it (unchecked operations in an ObjectFactory) are not failures.
        List<String> stubProblems = run(javaFiles(stubRoot), stubClasses, classPath(), List.of()).stream()
                .filter(problem -> problem.startsWith(Diagnostic.Kind.ERROR.name()))
                .toList();
        if (!stubProblems.isEmpty()) {
            throw new AssertionError("the stubs do not compile: " + stubProblems);
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        return run(List.copyOf(essSources), classes, stubClasses + File.pathSeparator + classPath(),
                List.of("-Xlint:all", "-Werror"));
    }

    private static List<String> run(List<Path> sources, Path classes, String classPath, List<String> strictness)
            throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
                "-d", classes.toString(), "-classpath", classPath));
        options.addAll(strictness);
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> problems = new ArrayList<>(diagnostics.getDiagnostics().stream()
                    .map(diagnostic -> diagnostic.getKind() + " " + diagnostic.getSource() + ":"
                            + diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT))
                    .toList());
            if (!compiled && problems.isEmpty()) {
                problems.add("javac failed without a diagnostic");
            }
            return problems;
        }
    }

    /** The test's class path: the runtime API, JAX-WS and JAXB, as a connector's build would have. */
    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
    }
}
