package dev.ess.compiler.manifest;

import dev.ess.compiler.diagnostic.Position;
import java.util.Objects;

/** A manifest value with the spot it was written at. */
public record Located<T>(T value, Position position) {

    public Located {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }
}
