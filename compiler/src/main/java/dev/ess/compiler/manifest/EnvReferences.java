package dev.ess.compiler.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${env:NAME}} references in a manifest value. The compiler never resolves them: it
 * checks their spelling and passes them through, and the runtime reads the variables when the
 * connector starts, so a secret never reaches generated code or the build's output.
 */
final class EnvReferences {

    /** Anything that opens like a placeholder, up to its closing brace or the end of the value. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}?");
    private static final Pattern WELL_FORMED = Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_]*}");

    /** What stands for a reference when the rest of the value is checked: a plain host name. */
    static final String STAND_IN = "env";

    /**
     * One placeholder of a value.
     *
     * @param offset its index in the value
     */
    record Reference(String text, int offset, boolean wellFormed) {}

    private EnvReferences() {}

    static List<Reference> in(String value) {
        List<Reference> references = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            references.add(new Reference(matcher.group(), matcher.start(), WELL_FORMED.matcher(matcher.group()).matches()));
        }
        return references;
    }

    /** The value with each reference replaced by {@link #STAND_IN}, to check what surrounds them. */
    static String withStandIns(String value) {
        return PLACEHOLDER.matcher(value).replaceAll(STAND_IN);
    }

    /** Whether the whole value is one reference. */
    static boolean isWholly(String value) {
        return WELL_FORMED.matcher(value).matches();
    }
}
