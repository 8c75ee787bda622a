package dev.ess.compiler.check;

import dev.ess.compiler.EssCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What the compiler reports on a folder of inputs, as headline and hint, for exact comparisons. */
final class Reported {

    static List<String> compiling(Path folder) throws IOException {
        return new EssCompiler(folder).compile(folder, folder.resolve("out/src"), folder.resolve("out/res"), "test")
                .diagnostics().stream()
                .map(d -> d.headline() + (d.hint() == null ? "" : "\n  hint: " + d.hint()))
                .toList();
    }

    private Reported() {}
}
