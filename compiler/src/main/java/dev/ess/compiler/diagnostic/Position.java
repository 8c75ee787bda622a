package dev.ess.compiler.diagnostic;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A spot in an input file. Lines and columns start at 1; a line of 0 means the file as a whole.
 */
public record Position(Path file, int line, int column) {

    public Position {
        Objects.requireNonNull(file, "file");
    }

    /** The file as a whole, for problems that have no better place. */
    public static Position of(Path file) {
        return new Position(file, 0, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }
}
