package dev.ess.compiler.emit;

/** Makes user text safe inside a Javadoc comment. */
final class Javadoc {

    private Javadoc() {}

    /** Escapes HTML and anything that would end the comment or start a tag, keeping our own markup. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (escaped.length() > 0) {
                escaped.append('\n');
            }
            boolean markup = line.equals("<pre>") || line.equals("</pre>") || line.startsWith("<p>");
            String body = markup ? line.substring(line.indexOf('>') + 1) : line;
            String prefix = markup ? line.substring(0, line.indexOf('>') + 1) : "";
            escaped.append(prefix).append(body
                    .replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("*/", "*&#47;")
                    .replace("@", "&#64;"));
        }
        return escaped.toString();
    }
}
