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
            text.append('\n').append(sourceLine);
            if (column > 0) {
                text.append('\n').append(caretLine());
            }
        }
        if (hint != null) {
            text.append("\n  hint: ").append(hint);
        }
        return text.toString();
    }

    /** Spaces up to the column, keeping tabs so the caret lines up in any terminal. */
    private String caretLine() {
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < column - 1; i++) {
            caret.append(i < sourceLine.length() && sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return caret.append('^').toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
