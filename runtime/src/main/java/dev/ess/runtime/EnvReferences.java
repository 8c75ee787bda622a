package dev.ess.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the {@code ${env:NAME}} references a manifest may hold in {@code target_url} and
 * {@code ping_url}. Generated connectors carry the references as written, so a secret lives only
 * in the environment of the process that runs the connector.
 */
public final class EnvReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private EnvReferences() {}

    /**
     * The value with every reference replaced by its variable's value.
     *
     * @param value a manifest value, with or without references; {@code null} stays {@code null}
     * @param environment the variables, usually {@code System.getenv()}
     * @throws IllegalArgumentException naming the first variable that is not set or is blank
     */
    public static String resolve(String value, Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        if (value == null) {
            return null;
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder(value.length());
        while (matcher.find()) {
            String name = matcher.group(1);
            String variable = environment.get(name);
            if (variable == null || variable.isBlank()) {
                throw new IllegalArgumentException(name + " is not set: the manifest's '" + value
                        + "' needs it in the connector's environment");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(variable));
        }
        return matcher.appendTail(resolved).toString();
    }

    /** Whether the value holds a reference, so it must be resolved before use. */
    public static boolean hasReferences(String value) {
        return value != null && REFERENCE.matcher(value).find();
    }
}
