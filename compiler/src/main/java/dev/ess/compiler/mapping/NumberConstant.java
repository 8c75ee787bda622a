package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;
import java.math.BigDecimal;
import java.util.Objects;

/** A number constant; {@code text} keeps its spelling, so {@code 2.50} stays two decimals. */
public record NumberConstant(Position position, BigDecimal value, String text) implements Constant {

    public NumberConstant {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(text, "text");
    }

    /** Whether it was written without a decimal point. */
    public boolean isWhole() {
        return !text.contains(".");
    }

    @Override
    public String describe() {
        return "number constant " + text;
    }
}
