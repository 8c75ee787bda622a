package dev.ess.compiler.check;

import dev.ess.compiler.EssCompiler;
import dev.ess.compiler.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What the compiler reports on a folder of inputs, as headline and hint, for exact comparisons. */
public final class Reported {

    public static List<String> compiling(Path folder) throws IOException {
        return new EssCompiler(folder).compile(folder, folder.resolve("out/src"), folder.resolve("out/res"), "test")
                .diagnostics().stream()
                .map(Reported::format)
                .toList();
    }

    /** One diagnostic as its headline, then its hint on a line of its own. */
    public static String format(Diagnostic diagnostic) {
        return diagnostic.headline() + (diagnostic.hint() == null ? "" : "\n  hint: " + diagnostic.hint());
    }

    private Reported() {}
}
