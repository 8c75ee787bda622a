package dev.ess.compiler.check;

import java.util.Objects;

/** Where a mapping line's value comes from, decided: a field and its accessor, an array entry, or a constant. */
public sealed interface Read {

    /** Whether the value read may be {@code null}: an optional field without a default. */
    boolean nullable();

    /**
     * A field of the event, or of the entry of an array the line walks.
     *
     * @param scope the array whose entry holds the field, or {@code null} for the event itself
     * @param required read with the accessor that fails on a missing field wherever the value is set:
     *     the target must be sent whenever its object is
     * @param fallback the {@code default(...)} for a missing field, or {@code null}
     */
    record Field(SourceArray scope, String path, Reader reader, boolean required, Literal fallback) implements Read {
        public Field {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reader, "reader");
        }

        @Override
        public boolean nullable() {
            return !required && fallback == null;
        }
    }

    /** The entry of an array of values itself: {@code tags[] -> Permit/Tag[]}. */
    record Entry(SourceArray array) implements Read {
        @Override
        public boolean nullable() {
            return false;
        }
    }

    record Constant(Literal literal) implements Read {
        @Override
        public boolean nullable() {
            return false;
        }
    }
}
