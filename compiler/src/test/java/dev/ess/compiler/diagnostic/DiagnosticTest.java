package dev.ess.compiler.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagnosticTest {

    @Test
    void theGnuLayout() {
        Diagnostic diagnostic = new Diagnostic("src/main/ess/m.essmap", 2, 10, DiagnosticCode.UNKNOWN_FUNCTION,
                DiagnosticCode.UNKNOWN_FUNCTION.message("upperr"), "did you mean 'upper'?", "street | upperr -> Permit/Street");

        assertEquals("""
                src/main/ess/m.essmap:2:10: error: [ESS032] unknown function 'upperr'
                street | upperr -> Permit/Street
                         ^
                  hint: did you mean 'upper'?""", diagnostic.render());
    }

    @Test
    void theCaretKeepsTheLinesTabs() {
        Diagnostic diagnostic = new Diagnostic("m.essmap", 1, 5, DiagnosticCode.MAPPING_SYNTAX, "unexpected", null,
                "\tx\t@");

        assertEquals("m.essmap:1:5: error: [ESS030] unexpected\n\tx\t@\n\t \t ^", diagnostic.render());
    }

    @Test
    void aLongLineIsShownAroundTheColumn() {
        String line = "a".repeat(500) + "@" + "b".repeat(500);
        Diagnostic diagnostic = new Diagnostic("m.essmap", 1, 501, DiagnosticCode.MAPPING_SYNTAX, "unexpected", null, line);

        String[] rendered = diagnostic.render().split("\n");

        assertEquals("..." + "a".repeat(40) + "@" + "b".repeat(119) + "...", rendered[1]);
        assertEquals(" ".repeat(43) + "^", rendered[2]);
    }

    @Test
    void controlCharactersAreNotPrinted() {
        Diagnostic diagnostic = new Diagnostic("m.yml", 1, 2, DiagnosticCode.YAML_SYNTAX, "bad", null, "a\u0000\u001b[2Jb");

        assertEquals("m.yml:1:2: error: [ESS010] bad\na??[2Jb\n ^", diagnostic.render());
    }

    @Test
    void aWholeFileProblemHasNoLineOrCaret() {
        Diagnostic diagnostic = new Diagnostic("m.essmap", 0, 0, DiagnosticCode.EMPTY_MAPPING,
                DiagnosticCode.EMPTY_MAPPING.message(), "write one mapping a line", null);

        assertEquals("m.essmap: error: [ESS037] the mapping has no lines\n  hint: write one mapping a line",
                diagnostic.render());
    }

    @Test
    void everyCodeHasAStableUniqueTag() {
        Set<String> ids = new HashSet<>();
        for (DiagnosticCode code : DiagnosticCode.values()) {
            assertTrue(code.id().matches("ESS\\d{3}"), code.id());
            assertTrue(ids.add(code.id()), "used twice: " + code.id());
            Object[] arguments = new Object[20];
            Arrays.fill(arguments, 1);
            assertTrue(!code.message(arguments).contains("%"), code.id() + " leaves a placeholder unfilled");
        }
    }
}
