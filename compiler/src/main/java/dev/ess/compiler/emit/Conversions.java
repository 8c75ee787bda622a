package dev.ess.compiler.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.ess.compiler.check.Conversion;
import dev.ess.compiler.check.Literal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.Duration;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;

/**
 * What a connector needs to turn values into the stubs' own types: one {@code DatatypeFactory}
 * and one field per {@code ObjectFactory} for the class, and a helper for each conversion an
 * event's value can fail, which throws the runtime's {@code MalformedEventException} so the event
 * is parked with the reason. Each is declared only when a mapping line uses it.
 */
final class Conversions {

    private static final ClassName MALFORMED_EVENT = ClassName.get("dev.ess.runtime", "MalformedEventException");
    private static final ClassName ATTACHMENTS = ClassName.get("dev.ess.runtime.soap", "Attachments");
    private static final String DATATYPES = "DATATYPES";
    /** Enumerations can be long; a helper's message lists the first ones. */
    private static final int LISTED_VALUES = 20;

    private boolean datatypesUsed;
    private final Map<ClassName, String> objectFactories = new LinkedHashMap<>();
    private final Map<String, MethodSpec> helpers = new TreeMap<>();

    /** A value, of the type the conversion starts from, in the stubs' type. */
    CodeBlock convert(Conversion conversion, CodeBlock value, String field) {
        if (conversion instanceof Conversion.XmlDate) {
            datatypesUsed = true;
            return CodeBlock.of("$N.newXMLGregorianCalendar($L.toString())", DATATYPES, value);
        }
        if (conversion instanceof Conversion.XmlDateTime) {
            return call(dateTimeHelper(), value, field);
        }
        if (conversion instanceof Conversion.XmlCalendar calendar) {
            return CodeBlock.of("$N($L, $S, $S)", calendarHelper(), value, field, calendar.xsdType());
        }
        if (conversion instanceof Conversion.XmlDuration) {
            return call(durationHelper(), value, field);
        }
        if (conversion instanceof Conversion.EnumValue enumValue) {
            return call(enumHelper(enumValue), value, field);
        }
        if (conversion instanceof Conversion.Binary binary) {
            return call(binaryHelper(binary.hex()), value, field);
        }
        if (conversion instanceof Conversion.QualifiedName) {
            return call(qnameHelper(), value, field);
        }
        if (conversion instanceof Conversion.Attachment attachment) {
            return CodeBlock.of("$T.of($L, $S)", ATTACHMENTS, call(binaryHelper(false), value, field), attachment.contentType());
        }
        if (conversion instanceof Conversion.Floating floating) {
            return CodeBlock.of("$L.$N()", value, floating.single() ? "floatValue" : "doubleValue");
        }
        return value;
    }

    /** A constant in the Java form the checker chose. */
    CodeBlock literal(Literal literal) {
        String text = literal.text();
        return switch (literal.form()) {
            case STRING -> CodeBlock.of("$S", text);
            case INT -> CodeBlock.of("$L", text);
            case LONG -> CodeBlock.of("$LL", text);
            case SHORT -> CodeBlock.of("(short) $L", text);
            case BYTE -> CodeBlock.of("(byte) $L", text);
            case BIG_INTEGER -> CodeBlock.of("new $T($S)", BigInteger.class, text);
            case DECIMAL -> CodeBlock.of("new $T($S)", BigDecimal.class, text);
            case DOUBLE -> CodeBlock.of("$Ld", text);
            case FLOAT -> CodeBlock.of("$Lf", text);
            case LOCAL_DATE -> CodeBlock.of("$T.parse($S)", LocalDate.class, text);
            case ENUM -> CodeBlock.of("$T.$N", literal.enumClass(), text);
            case XML_CALENDAR -> {
                datatypesUsed = true;
                yield CodeBlock.of("$N.newXMLGregorianCalendar($S)", DATATYPES, text);
            }
            case XML_DURATION -> {
                datatypesUsed = true;
                yield CodeBlock.of("$N.newDuration($S)", DATATYPES, text);
            }
            case QNAME -> CodeBlock.of("$T.valueOf($S)", QName.class, text);
            case BASE64 -> CodeBlock.of("$T.getDecoder().decode($S)", Base64.class, text);
            case HEX -> CodeBlock.of("$T.of().parseHex($S)", HexFormat.class, text);
        };
    }

    /** The {@code JAXBElement} of a value, from the stubs' ObjectFactory. */
    CodeBlock wrap(ClassName objectFactory, String method, CodeBlock value) {
        String field = objectFactories.computeIfAbsent(objectFactory,
                factory -> objectFactories.isEmpty() ? "OBJECT_FACTORY" : "OBJECT_FACTORY_" + (objectFactories.size() + 1));
        return CodeBlock.of("$N.$N($L)", field, method, value);
    }

    List<FieldSpec> fields() {
        List<FieldSpec> fields = new ArrayList<>();
        if (datatypesUsed) {
            // The JDK's factory keeps no state, so the lanes of a connector share one.
            fields.add(FieldSpec.builder(DatatypeFactory.class, DATATYPES, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$T.newDefaultInstance()", DatatypeFactory.class)
                    .build());
        }
        objectFactories.forEach((factory, name) -> fields.add(
                FieldSpec.builder(factory, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("new $T()", factory)
                        .build()));
        return fields;
    }

    List<MethodSpec> methods() {
        return List.copyOf(helpers.values());
    }

    private static CodeBlock call(String helper, CodeBlock value, String field) {
        return CodeBlock.of("$N($L, $S)", helper, value, field);
    }

    /** Accepts what {@code java.time} reads as ISO-8601, and writes it the way XML Schema wants it. */
    private String dateTimeHelper() {
        datatypesUsed = true;
        return helper("toXmlDateTime", XMLGregorianCalendar.class, "An ISO-8601 date-time of the event, with or without an offset, as an xs:dateTime.",
                CodeBlock.builder()
                        .addStatement("$T dateTime = $T.ISO_DATE_TIME.parseBest(text.strip(), $T::from, $T::from)",
                                TemporalAccessor.class, DateTimeFormatter.class, OffsetDateTime.class, LocalDateTime.class)
                        .addStatement("return $N.newXMLGregorianCalendar($T.ISO_DATE_TIME.format(dateTime))", DATATYPES,
                                DateTimeFormatter.class)
                        .build(),
                List.of(DateTimeException.class, IllegalArgumentException.class), "an ISO-8601 date-time");
    }

    /** An {@code xs:time}, {@code xs:gYear} and the like: XML Schema's own lexical form, of that very type. */
    private String calendarHelper() {
        datatypesUsed = true;
        String name = "toXmlCalendar";
        helpers.computeIfAbsent(name, n -> MethodSpec.methodBuilder(n)
                .addJavadoc("The event's text as the XML Schema date or time type named; any other form fails the mapping.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(XMLGregorianCalendar.class)
                .addParameter(String.class, "text")
                .addParameter(String.class, "field")
                .addParameter(String.class, "xsdType")
                .beginControlFlow("try")
                .addStatement("$T value = $N.newXMLGregorianCalendar(text.strip())", XMLGregorianCalendar.class, DATATYPES)
                .beginControlFlow("if (value.getXMLSchemaType().getLocalPart().equals(xsdType))")
                .addStatement("return value")
                .endControlFlow()
                .nextControlFlow("catch ($T e)", IllegalArgumentException.class)
                .addComment("reported below, like a value of another type")
                .endControlFlow()
                .addStatement("throw new $T($S + field + $S + xsdType + $S + text + $S)", MALFORMED_EVENT, "field '",
                        "' must be an xs:", ", found '", "'")
                .build());
        return name;
    }

    private String durationHelper() {
        datatypesUsed = true;
        return helper("toXmlDuration", Duration.class, "An ISO-8601 duration of the event as an xs:duration.",
                CodeBlock.of("return $N.newDuration(text.strip());\n", DATATYPES),
                List.of(IllegalArgumentException.class, UnsupportedOperationException.class), "an xs:duration such as P1DT2H");
    }

    private String enumHelper(Conversion.EnumValue enumValue) {
        ClassName type = enumValue.enumClass();
        List<String> values = enumValue.values();
        String listed = values.size() <= LISTED_VALUES ? String.join(", ", values)
                : String.join(", ", values.subList(0, LISTED_VALUES)) + ", ...";
        return helper("to" + type.simpleName(), type, "The event's text as one of the values of " + type.simpleName()
                        + "; any other value fails the mapping.",
                CodeBlock.of("return $T.fromValue(text);\n", type),
                List.of(IllegalArgumentException.class), "one of " + listed);
    }

    private String binaryHelper(boolean hex) {
        return hex
                ? helper("fromHex", byte[].class, "The event's hex text as bytes, as xs:hexBinary spells them.",
                        CodeBlock.of("return $T.of().parseHex(text.strip());\n", HexFormat.class),
                        List.of(IllegalArgumentException.class), "hexadecimal bytes")
                : helper("fromBase64", byte[].class, "The event's base64 text as bytes, as xs:base64Binary spells them.",
                        CodeBlock.of("return $T.getMimeDecoder().decode(text.strip());\n", Base64.class),
                        List.of(IllegalArgumentException.class), "base64 bytes");
    }

    private String qnameHelper() {
        return helper("toQName", QName.class, "The event's text as a qualified name: {namespace}name, or a name alone.",
                CodeBlock.builder()
                        .addStatement("$T name = $T.valueOf(text.strip())", QName.class, QName.class)
                        .beginControlFlow("if (name.getLocalPart().isEmpty())")
                        .addStatement("throw new $T($S)", IllegalArgumentException.class, "no local name")
                        .endControlFlow()
                        .addStatement("return name")
                        .build(),
                List.of(IllegalArgumentException.class), "a qualified name such as {urn:x}name");
    }

    /** A helper {@code T name(String text, String field)} that fails the mapping with the reason. */
    private String helper(String name, Object returns, String javadoc, CodeBlock body,
            List<Class<? extends Exception>> failures, String expected) {
        helpers.computeIfAbsent(name, n -> {
            MethodSpec.Builder method = MethodSpec.methodBuilder(n)
                    .addJavadoc("$L\n", javadoc)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(returns instanceof TypeName type ? type : TypeName.get((Class<?>) returns))
                    .addParameter(String.class, "text")
                    .addParameter(String.class, "field")
                    .beginControlFlow("try")
                    .addCode(body);
            String caught = String.join(" | ", failures.stream().map(failure -> "$T").toList());
            return method.nextControlFlow("catch (" + caught + " e)", failures.toArray())
                    .addStatement("throw new $T($S + field + $S + text + $S)", MALFORMED_EVENT, "field '",
                            "' must be " + expected + ", found '", "'")
                    .endControlFlow()
                    .build();
        });
        return name;
    }
}
