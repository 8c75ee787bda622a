package dev.ess.runtime;

/**
 * A value from outside (an event's id, routing key or key, a partner's fault text) made fit for a
 * log line: control characters, line and paragraph separators and the characters that reorder
 * text are written as escapes, so a value can neither start a forged log line nor hide part of
 * one.
 */
public final class OneLine {

    private OneLine() {}

    /**
     * The value with {@code \n}, {@code \r} and {@code \t} escaped as such, the other characters
     * named above as a backslash, {@code u} and four hex digits.
     */
    public static String of(String value) {
        if (value == null || value.chars().noneMatch(OneLine::needsEscape)) {
            return value;
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static boolean needsEscape(int c) {
        return Character.isISOControl(c)
                || c == '\u2028' || c == '\u2029' // line and paragraph separators
                || c >= '\u202a' && c <= '\u202e' // bidirectional embeddings and overrides
                || c >= '\u2066' && c <= '\u2069'; // bidirectional isolates
    }
}
