package dev.ess.compiler.check;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;

/**
 * String constants of XML Schema types with a lexical form of their own (dates, times, durations,
 * binary, qualified names), checked the way the generated connector will read them.
 */
final class XsdValues {

    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

    private static final Map<String, QName> CALENDAR_TYPES = Map.of(
            "date", DatatypeConstants.DATE,
            "dateTime", DatatypeConstants.DATETIME,
            "time", DatatypeConstants.TIME,
            "gYear", DatatypeConstants.GYEAR,
            "gYearMonth", DatatypeConstants.GYEARMONTH,
            "gMonth", DatatypeConstants.GMONTH,
            "gMonthDay", DatatypeConstants.GMONTHDAY,
            "gDay", DatatypeConstants.GDAY);

    private static final Map<String, String> EXAMPLES = Map.of(
            "date", "write it as yyyy-MM-dd, for example 2024-05-31",
            "dateTime", "write it as yyyy-MM-ddTHH:mm:ss with an optional offset, for example 2024-05-31T14:30:00+02:00",
            "time", "write it as HH:mm:ss, for example 14:30:00",
            "gYear", "write the year, for example 2024",
            "gYearMonth", "write it as yyyy-MM, for example 2024-05",
            "duration", "write it as ISO-8601 says, for example P1DT2H",
            "base64Binary", "write the bytes in base64, for example SGVsbG8=",
            "hexBinary", "write the bytes in hex, for example 48656C6C6F",
            "QName", "write it as {namespace}name or name");

    private XsdValues() {}

    /** The XML Schema type whose lexical form a string constant must have, or {@code null} for plain text. */
    static String lexicalType(ValueKind kind, Conversion conversion) {
        if (kind == ValueKind.DATE) {
            return "date";
        }
        if (kind == ValueKind.DATE_TIME) {
            return "dateTime";
        }
        if (conversion instanceof Conversion.XmlCalendar calendar) {
            return calendar.xsdType();
        }
        if (conversion instanceof Conversion.XmlDuration) {
            return "duration";
        }
        if (conversion instanceof Conversion.Binary binary) {
            return binary.hex() ? "hexBinary" : "base64Binary";
        }
        if (conversion instanceof Conversion.Attachment) {
            return "base64Binary";
        }
        return conversion instanceof Conversion.QualifiedName ? "QName" : null;
    }

    /**
     * Whether a constant is of the type. The connector hands a date constant to {@code DatatypeFactory}
     * as written, and a default(...) to {@code java.time} like an event's value, so both must accept it.
     */
    static boolean isValid(String text, String xsdType) {
        try {
            switch (xsdType) {
                case "duration" -> DATATYPES.newDuration(text);
                case "base64Binary" -> Base64.getDecoder().decode(text);
                case "hexBinary" -> HexFormat.of().parseHex(text);
                case "QName" -> {
                    QName name = QName.valueOf(text);
                    return !name.getLocalPart().isEmpty();
                }
                default -> {
                    XMLGregorianCalendar xsd = DATATYPES.newXMLGregorianCalendar(text);
                    if (xsdType.equals("date")) {
                        LocalDate.parse(text);
                    } else if (xsdType.equals("dateTime")) {
                        DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
                    }
                    return CALENDAR_TYPES.get(xsdType).equals(xsd.getXMLSchemaType());
                }
            }
            return true;
        } catch (IllegalArgumentException | IllegalStateException | DateTimeException e) {
            return false;
        }
    }

    /** How to write one, for a hint. */
    static String example(String xsdType) {
        return EXAMPLES.getOrDefault(xsdType, "write it in the lexical form of xs:" + xsdType);
    }
}
