package dev.ess.compiler.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.ess.compiler.wsdl.XmlElement;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * What a connector needs to turn event values into the stubs' own types: one
 * {@code DatatypeFactory} and one {@code ObjectFactory} for the class, and a helper for each
 * conversion an event's value can fail, which throws the runtime's {@code MalformedEventException}
 * so the event is parked with the reason. Each is declared only when a mapping line uses it.
 */
final class Conversions {

    private static final ClassName MALFORMED_EVENT = ClassName.get("dev.ess.runtime", "MalformedEventException");
    private static final String DATATYPES = "DATATYPES";
    private static final String OBJECT_FACTORY = "OBJECT_FACTORY";
    private static final String TO_DATE_TIME = "toXmlDateTime";

    private final JavaNames names;
    private boolean datatypesUsed;
    private boolean objectFactoryUsed;
    private boolean dateTimeUsed;
    private final Map<ClassName, List<String>> enums = new LinkedHashMap<>();

    Conversions(JavaNames names) {
        this.names = names;
    }

    /** An {@code xs:date} from a {@code LocalDate}. */
    CodeBlock date(CodeBlock localDate) {
        datatypesUsed = true;
        return CodeBlock.of("$N.newXMLGregorianCalendar($L.toString())", DATATYPES, localDate);
    }

    /** An {@code xs:date} or {@code xs:dateTime} constant the checker has validated. */
    CodeBlock constant(String lexical) {
        datatypesUsed = true;
        return CodeBlock.of("$N.newXMLGregorianCalendar($S)", DATATYPES, lexical);
    }

    /** An {@code xs:dateTime} from the text of an event field. */
    CodeBlock dateTime(CodeBlock text, String field) {
        datatypesUsed = true;
        dateTimeUsed = true;
        return CodeBlock.of("$N($L, $S)", TO_DATE_TIME, text, field);
    }

    /** A JAXB enum from the text of an event field. */
    CodeBlock enumValue(ClassName type, List<String> values, CodeBlock text, String field) {
        enums.putIfAbsent(type, List.copyOf(values));
        return CodeBlock.of("$N($L, $S)", enumHelper(type), text, field);
    }

    /** The {@code JAXBElement} of an optional nillable element, from the stubs' ObjectFactory. */
    CodeBlock element(ClassName parent, XmlElement element, CodeBlock value) {
        objectFactoryUsed = true;
        return CodeBlock.of("$N.$N($L)", OBJECT_FACTORY, names.factoryMethod(parent, element), value);
    }

    List<FieldSpec> fields() {
        List<FieldSpec> fields = new ArrayList<>();
        if (datatypesUsed) {
            // The JDK's factory keeps no state, so the lanes of a connector share one.
            fields.add(FieldSpec.builder(DatatypeFactory.class, DATATYPES, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$T.newDefaultInstance()", DatatypeFactory.class)
                    .build());
        }
        if (objectFactoryUsed) {
            ClassName factory = names.objectFactory();
            fields.add(FieldSpec.builder(factory, OBJECT_FACTORY, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T()", factory)
                    .build());
        }
        return fields;
    }

    List<MethodSpec> methods() {
        List<MethodSpec> methods = new ArrayList<>();
        if (dateTimeUsed) {
            methods.add(dateTimeHelper());
        }
        enums.forEach((type, values) -> methods.add(enumHelper(type, values)));
        return methods;
    }

    /** Accepts what {@code java.time} reads as ISO-8601, and writes it the way XML Schema wants it. */
    private static MethodSpec dateTimeHelper() {
        return MethodSpec.methodBuilder(TO_DATE_TIME)
                .addJavadoc("An ISO-8601 date-time of the event, with or without an offset, as an xs:dateTime.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(XMLGregorianCalendar.class)
                .addParameter(String.class, "text")
                .addParameter(String.class, "field")
                .beginControlFlow("try")
                .addStatement("$T dateTime = $T.ISO_DATE_TIME.parseBest(text.strip(), $T::from, $T::from)",
                        TemporalAccessor.class, DateTimeFormatter.class, OffsetDateTime.class, LocalDateTime.class)
                .addStatement("return $N.newXMLGregorianCalendar($T.ISO_DATE_TIME.format(dateTime))", DATATYPES,
                        DateTimeFormatter.class)
                .nextControlFlow("catch ($T | $T e)", DateTimeException.class, IllegalArgumentException.class)
                .addStatement("throw new $T($S + field + $S + text + $S)", MALFORMED_EVENT, "field '",
                        "' must be an ISO-8601 date-time, found '", "'")
                .endControlFlow()
                .build();
    }

    private static MethodSpec enumHelper(ClassName type, List<String> values) {
        return MethodSpec.methodBuilder(enumHelper(type))
                .addJavadoc("The event's text as one of the values of $T; any other value fails the mapping.\n", type)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(type)
                .addParameter(String.class, "text")
                .addParameter(String.class, "field")
                .beginControlFlow("try")
                .addStatement("return $T.fromValue(text)", type)
                .nextControlFlow("catch ($T e)", IllegalArgumentException.class)
                .addStatement("throw new $T($S + field + $S + text + $S)", MALFORMED_EVENT, "field '",
                        "' must be one of " + String.join(", ", values) + ", found '", "'")
                .endControlFlow()
                .build();
    }

    private static String enumHelper(ClassName type) {
        return "to" + type.simpleName();
    }
}
