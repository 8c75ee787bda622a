package dev.ess.compiler.check;

import java.util.List;
import java.util.Objects;

/** A mapping line's value, every decision made: what is read, which functions run, how it becomes the stubs' type. */
public record BoundValue(Read read, List<Step> steps, Conversion conversion) {

    public BoundValue {
        Objects.requireNonNull(read, "read");
        steps = List.copyOf(steps);
        Objects.requireNonNull(conversion, "conversion");
    }

    public boolean nullable() {
        return read.nullable();
    }
}
