package dev.ess.compiler.check;

import dev.ess.compiler.wsdl.BuiltinType;

/** What kind of value flows through a mapping line, as far as the checker cares. */
public enum ValueKind {
    TEXT("text"),
    WHOLE_NUMBER("a whole number"),
    DECIMAL("a decimal number"),
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
        return this == wanted || this == WHOLE_NUMBER && wanted == DECIMAL;
    }

    static ValueKind of(BuiltinType type) {
        return switch (type) {
            case STRING -> TEXT;
            case INT, LONG -> WHOLE_NUMBER;
            case DECIMAL -> DECIMAL;
            case BOOLEAN -> BOOLEAN;
            case DATE -> DATE;
            case DATE_TIME -> DATE_TIME;
        };
    }
}
