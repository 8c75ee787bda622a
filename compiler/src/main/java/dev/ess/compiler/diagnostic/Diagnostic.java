package dev.ess.compiler.diagnostic;

import java.util.Objects;

/**
 * One finding, located in an input file.
 *
 * @param file the file as shown to the user
 * @param line 1-based line, 0 when the finding concerns the whole file
 * @param column 1-based column, 0 when unknown
 * @param code the catalogue entry
 * @param message the filled-in message
 * @param hint how to fix it, or {@code null}
 * @param sourceLine the text of the line, or {@code null} when unknown
 */
public record Diagnostic(
        String file, int line, int column, DiagnosticCode code, String message, String hint, String sourceLine) {

    private static final int MAX_SHOWN = 160;
    private static final String ELLIPSIS = "...";

    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return severity() == Severity.ERROR;
    }

    /** The first line alone: {@code file:line:col: error: [ESSnnn] message}. */
    public String headline() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        return text.append(": ").append(severity().label())
                .append(": [").append(code.id()).append("] ").append(message)
                .toString();
    }

    /** The GNU layout: headline, the source line with a caret under the column, then the hint. */
    public String render() {
        StringBuilder text = new StringBuilder(headline());
        if (sourceLine != null && line > 0) {
            // A very long line is shown as a window around the column, so the caret stays on screen.
            int from = column - 1 > MAX_SHOWN / 2 ? column - 1 - MAX_SHOWN / 4 : 0;
            int to = Math.min(sourceLine.length(), from + MAX_SHOWN);
            String shown = (from > 0 ? ELLIPSIS : "") + printable(sourceLine.substring(Math.min(from, to), to))
                    + (to < sourceLine.length() ? ELLIPSIS : "");
            text.append('\n').append(shown);
            if (column > 0) {
                text.append('\n').append(caretLine(shown, column - from + (from > 0 ? ELLIPSIS.length() : 0)));
            }
        }
        if (hint != null) {
            text.append("\n  hint: ").append(hint);
        }
        return text.toString();
    }

    /** Control characters (from binary input) would garble the terminal: each becomes one '?'. */
    private static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        text.chars().forEach(c -> printable.append(c != '\t' && Character.isISOControl(c) ? '?' : (char) c));
        return printable.toString();
    }

    /** Spaces up to the column, keeping tabs so the caret lines up in any terminal. */
    private static String caretLine(String shown, int caretColumn) {
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < caretColumn - 1; i++) {
            caret.append(i < shown.length() && shown.charAt(i) == '\t' ? '\t' : ' ');
        }
        return caret.append('^').toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
