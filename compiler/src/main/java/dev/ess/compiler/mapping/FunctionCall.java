package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;
import java.util.List;
import java.util.Objects;

/** A piped function: {@code | upper} or {@code | date("yyyy-MM-dd")}. */
public record FunctionCall(Position position, String name, List<Constant> arguments) {

    public FunctionCall {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
    }
}
