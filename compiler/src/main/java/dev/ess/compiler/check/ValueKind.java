package dev.ess.compiler.check;

/** What kind of value flows through a mapping line, as far as functions and constants care. */
public enum ValueKind {
    TEXT("text"),
    WHOLE_NUMBER("a whole number"),
    DECIMAL("a decimal number"),
    /** A binary floating-point number: an {@code xs:double} or {@code xs:float}. */
    FLOATING("a floating-point number"),
    BOOLEAN("true or false"),
    /** A field read through date(...) or into an xs:date: an ISO-8601 date or date-time, taken as a date. */
    DATE("a date"),
    /** A field read into an xs:dateTime: an ISO-8601 date-time, with or without an offset. */
    DATE_TIME("a date-time");

    private final String description;

    ValueKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether a value of this kind can be stored where {@code wanted} is expected. */
    public boolean fits(ValueKind wanted) {
        return this == wanted
                || this == WHOLE_NUMBER && (wanted == DECIMAL || wanted == FLOATING)
                || this == DECIMAL && wanted == FLOATING;
    }

    public boolean isNumber() {
        return this == WHOLE_NUMBER || this == DECIMAL || this == FLOATING;
    }
}
