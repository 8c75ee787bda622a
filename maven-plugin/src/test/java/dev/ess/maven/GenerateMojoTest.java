package dev.ess.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GenerateMojoTest {

    /** The failure message stands on its own: every error in full, never "see above". */
    @Test
    void theFailureMessageListsEveryError() {
        Diagnostics diagnostics = new Diagnostics(null);
        diagnostics.report(DiagnosticCode.UNKNOWN_KEY, new Position(Path.of("a.yml"), 3, 1), "listen_topik");
        diagnostics.report(DiagnosticCode.EMPTY_MAPPING, Position.of(Path.of("a.essmap")));

        String message = GenerateMojo.failureMessage(diagnostics.all());

        assertEquals("ESS found 2 errors:\n" + diagnostics.all().get(0).render() + "\n"
                + diagnostics.all().get(1).render(), message);
    }
}
