package dev.ess.compiler.check;

import com.palantir.javapoet.ClassName;
import java.util.Objects;

/**
 * A constant of a mapping, in the Java form the place it goes needs: {@code 5} for an {@code int},
 * {@code 5L} for a {@code long}, {@code new BigDecimal("5")}, an enum constant, an XML date.
 *
 * @param text the constant's value as the mapping wrote it (the enum constant's Java name for {@link Form#ENUM})
 * @param enumClass the enum of an {@link Form#ENUM} constant
 */
public record Literal(Form form, String text, ClassName enumClass) {

    /** The Java forms a constant can take. */
    public enum Form {
        STRING, INT, LONG, SHORT, BYTE, BIG_INTEGER, DECIMAL, DOUBLE, FLOAT,
        /** A {@code LocalDate}, as a date field's {@code default(...)} reads. */
        LOCAL_DATE,
        ENUM,
        /** An {@code XMLGregorianCalendar} of any of the XML Schema date and time types. */
        XML_CALENDAR,
        XML_DURATION,
        QNAME,
        BASE64,
        HEX
    }

    public Literal {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(text, "text");
    }

    static Literal of(Form form, String text) {
        return new Literal(form, text, null);
    }
}
