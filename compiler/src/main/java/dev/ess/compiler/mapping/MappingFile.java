package dev.ess.compiler.mapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A parsed mapping file: its lines in order. */
public record MappingFile(Path file, List<MappingLine> lines) {

    public MappingFile {
        Objects.requireNonNull(file, "file");
        lines = List.copyOf(lines);
    }

    /** The file name alone, as generated code cites it. */
    public String fileName() {
        return file.getFileName().toString();
    }
}
