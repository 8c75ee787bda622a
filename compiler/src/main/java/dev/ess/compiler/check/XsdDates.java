package dev.ess.compiler.check;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** Date and date-time constants of a mapping (ValueKind DATE or DATE_TIME), as the generated connector will read them. */
final class XsdDates {

    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

    private XsdDates() {}

    /**
     * Whether a constant is an {@code xs:date} or {@code xs:dateTime}. The connector hands a constant
     * to {@code DatatypeFactory} as written, and a default(...) to {@code java.time} like an event's
     * value, so both must accept it.
     */
    static boolean isValid(String text, ValueKind kind) {
        try {
            XMLGregorianCalendar xsd = DATATYPES.newXMLGregorianCalendar(text);
            if (kind == ValueKind.DATE) {
                LocalDate.parse(text);
                return xsd.getXMLSchemaType() == DatatypeConstants.DATE;
            }
            DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return xsd.getXMLSchemaType() == DatatypeConstants.DATETIME;
        } catch (IllegalArgumentException | IllegalStateException | DateTimeException e) {
            return false;
        }
    }

    /** What a message calls it. */
    static String xsdName(ValueKind kind) {
        return kind == ValueKind.DATE ? "xs:date" : "xs:dateTime";
    }

    /** How to write one, for a hint. */
    static String example(ValueKind kind) {
        return kind == ValueKind.DATE
                ? "write it as yyyy-MM-dd, for example 2024-05-31"
                : "write it as yyyy-MM-ddTHH:mm:ss with an optional offset, for example 2024-05-31T14:30:00+02:00";
    }
}
