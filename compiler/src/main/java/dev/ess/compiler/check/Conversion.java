package dev.ess.compiler.check;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * How a value read from an event, its functions applied, becomes the stubs' type. Conversions that
 * an event's value can fail throw the runtime's {@code MalformedEventException}, so the event is
 * parked with the reason.
 */
public sealed interface Conversion {

    /** The value is already of the stubs' type. */
    record None() implements Conversion {}

    /** A {@code LocalDate} to an {@code xs:date}. */
    record XmlDate() implements Conversion {}

    /** ISO-8601 text to an {@code xs:dateTime}, keeping the offset if it has one. */
    record XmlDateTime() implements Conversion {}

    /** Text in the lexical form of {@code xs:time}, {@code xs:gYear} and the like, checked to be one. */
    record XmlCalendar(String xsdType) implements Conversion {}

    /** Text in the lexical form of {@code xs:duration}. */
    record XmlDuration() implements Conversion {}

    /** Text to one of the constants of a JAXB enum. */
    record EnumValue(ClassName enumClass, List<String> values) implements Conversion {
        public EnumValue {
            values = List.copyOf(values);
        }
    }

    /** Base64 or hex text to bytes, as {@code xs:base64Binary} or {@code xs:hexBinary} spell them. */
    record Binary(boolean hex) implements Conversion {}

    /** Base64 text to an attachment of that MIME type, which MTOM sends beside the request. */
    record Attachment(String contentType) implements Conversion {}

    /** Text such as {@code {urn:x}name} to an {@code xs:QName}. */
    record QualifiedName() implements Conversion {}

    /** A decimal, after scale(...), to a {@code double} or {@code float}. */
    record Floating(boolean single) implements Conversion {}

    Conversion NONE = new None();
}
