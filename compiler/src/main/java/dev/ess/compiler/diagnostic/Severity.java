package dev.ess.compiler.diagnostic;

import java.util.Locale;

/** How bad a diagnostic is: any error stops the compiler before it writes anything. */
public enum Severity {
    ERROR,
    WARNING;

    /** The word GNU-style tools print after the location. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
