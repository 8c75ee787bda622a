package dev.ess.compiler.check;

import com.palantir.javapoet.TypeName;
import dev.ess.compiler.partner.SimpleValue;
import java.util.Optional;
import java.util.Set;

/**
 * What a simple target takes, decided once from the stubs' Java type and the XML Schema built-in
 * it derives from: the kind of value a mapping line must deliver, the accessor that reads a field
 * straight into it, and the conversion into the stubs' type.
 *
 * @param reader how a field is read when no function comes first
 */
record TargetType(ValueKind kind, Reader reader, Conversion conversion) {

    private static final Set<String> CALENDARS = Set.of("time", "gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay");

    /** Empty when ESS cannot fill a value of that Java type. */
    static Optional<TargetType> of(SimpleValue value) {
        if (value.enumClass() != null) {
            return Optional.of(new TargetType(ValueKind.TEXT, Reader.TEXT,
                    new Conversion.EnumValue(value.enumClass(), value.enumeration())));
        }
        TypeName type = value.javaType().isBoxedPrimitive() ? value.javaType().unbox() : value.javaType();
        String name = type.toString();
        return Optional.ofNullable(switch (name) {
            case "java.lang.String", "java.lang.Object" -> new TargetType(ValueKind.TEXT, Reader.TEXT, Conversion.NONE);
            case "int" -> new TargetType(ValueKind.WHOLE_NUMBER, Reader.INTEGER, Conversion.NONE);
            case "long" -> new TargetType(ValueKind.WHOLE_NUMBER, Reader.LONG, Conversion.NONE);
            case "short" -> new TargetType(ValueKind.WHOLE_NUMBER, Reader.SHORT, Conversion.NONE);
            case "byte" -> new TargetType(ValueKind.WHOLE_NUMBER, Reader.BYTE, Conversion.NONE);
            case "java.math.BigInteger" -> new TargetType(ValueKind.WHOLE_NUMBER, Reader.BIG_INTEGER, Conversion.NONE);
            case "java.math.BigDecimal" -> new TargetType(ValueKind.DECIMAL, Reader.DECIMAL, Conversion.NONE);
            case "double" -> new TargetType(ValueKind.FLOATING, Reader.DOUBLE, Conversion.NONE);
            case "float" -> new TargetType(ValueKind.FLOATING, Reader.FLOAT, Conversion.NONE);
            case "boolean" -> new TargetType(ValueKind.BOOLEAN, Reader.BOOLEAN, Conversion.NONE);
            case "javax.xml.datatype.XMLGregorianCalendar" -> calendar(value.xsdType());
            case "javax.xml.datatype.Duration" -> new TargetType(ValueKind.TEXT, Reader.TEXT, new Conversion.XmlDuration());
            case "byte[]" -> new TargetType(ValueKind.TEXT, Reader.TEXT, new Conversion.Binary(value.xsdType().equals("hexBinary")));
            case "javax.xml.namespace.QName" -> new TargetType(ValueKind.TEXT, Reader.TEXT, new Conversion.QualifiedName());
            case "jakarta.activation.DataHandler" -> new TargetType(ValueKind.TEXT, Reader.TEXT,
                    new Conversion.Attachment(value.contentType() != null ? value.contentType() : "application/octet-stream"));
            default -> null;
        });
    }

    private static TargetType calendar(String xsdType) {
        if (xsdType.equals("date")) {
            return new TargetType(ValueKind.DATE, Reader.DATE, new Conversion.XmlDate());
        }
        if (CALENDARS.contains(xsdType)) {
            return new TargetType(ValueKind.TEXT, Reader.TEXT, new Conversion.XmlCalendar(xsdType));
        }
        return new TargetType(ValueKind.DATE_TIME, Reader.TEXT, new Conversion.XmlDateTime());
    }

    /** The reader of a whole number or decimal field whose target is this type's Java type. */
    Reader numberReader(ValueKind kind) {
        return kind == ValueKind.DECIMAL ? Reader.DECIMAL : reader;
    }
}
