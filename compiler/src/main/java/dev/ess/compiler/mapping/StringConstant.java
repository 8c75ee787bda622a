package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;
import java.util.Objects;

/** A string constant, escapes already resolved. */
public record StringConstant(Position position, String value) implements Constant {

    public StringConstant {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String describe() {
        return "string constant";
    }
}
