package dev.ess.compiler.emit;

/**
 * Input text copied into generated comments, made inert. javac turns {@code \}{@code u0041} into
 * characters before it reads comments, so a mapping or a file name holding {@code \}{@code u000a}
 * or {@code \}{@code u002a/} could end a comment and smuggle code into the connector. Here every
 * backslash is doubled, which no unicode escape survives, line breaks and other control characters
 * are shown by their code point, and a Javadoc cannot be closed or given tags.
 */
final class InertText {

    private InertText() {}

    /** Text for a {@code //} comment: one line, no escape javac would read. */
    static String comment(String text) {
        StringBuilder inert = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                inert.append("\\\\");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                inert.append(String.format(java.util.Locale.ROOT, "U+%04X", c));
            } else {
                inert.appendCodePoint(c);
            }
        });
        return inert.toString();
    }

    /** Text for a Javadoc: as {@link #comment}, with HTML escaped and nothing that ends the comment or starts a tag. */
    static String javadoc(String text) {
        return comment(text)
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }
}
