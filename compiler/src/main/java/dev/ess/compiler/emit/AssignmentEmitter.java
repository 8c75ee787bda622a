package dev.ess.compiler.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.ess.compiler.check.Assignment;
import dev.ess.compiler.check.BuiltinFunction;
import dev.ess.compiler.check.ValueKind;
import dev.ess.compiler.mapping.Constant;
import dev.ess.compiler.mapping.FieldRef;
import dev.ess.compiler.mapping.FunctionCall;
import dev.ess.compiler.mapping.NumberConstant;
import dev.ess.compiler.mapping.StringConstant;
import dev.ess.compiler.wsdl.BuiltinType;
import dev.ess.compiler.wsdl.XmlElement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Emits the statement of one mapping line: a setter call whose argument reads the event through
 * the accessor that matches the target's XSD type, applies the line's functions, and turns the
 * value into the stub's type (an XML date, a JAXB enum, a {@code JAXBElement}) where it differs.
 */
final class AssignmentEmitter {

    private final MethodSpec.Builder method;
    private final JavaNames names;
    private final Set<String> taken;
    private final String event;
    private final DateFormats dateFormats;
    private final Conversions conversions;

    AssignmentEmitter(MethodSpec.Builder method, JavaNames names, Set<String> taken, String event,
            DateFormats dateFormats, Conversions conversions) {
        this.method = method;
        this.names = names;
        this.taken = taken;
        this.event = event;
        this.dateFormats = dateFormats;
        this.conversions = conversions;
    }

    void emit(Assignment assignment, ConnectorEmitter.Local parent, String origin) {
        String setter = names.setter(assignment.leaf());
        List<FunctionCall> functions = assignment.line().functions();
        BuiltinType target = assignment.leafType().builtin();
        boolean optionalField = assignment.line().source() instanceof FieldRef
                && !assignment.leaf().isRequired() && !assignment.hasDefault();
        if (optionalField && (!functions.isEmpty() || converts(assignment))) {
            // Functions and conversions cannot run on a missing field: read it once, and set the
            // target only when present (an optional nillable element is then left out, not sent as nil).
            FieldRef field = (FieldRef) assignment.line().source();
            String local = JavaNames.variable(field.path().get(field.path().size() - 1), taken);
            taken.add(local);
            method.addStatement("$T $N = $L", javaType(assignment.sourceKind(), target), local,
                    read(field, assignment.sourceKind(), target, false));
            method.beginControlFlow("if ($N != null)", local);
            method.addCode("$N.$N($L); // $L\n", parent.name(), setter,
                    toTarget(assignment, parent, apply(CodeBlock.of("$N", local), functions)), origin);
            method.endControlFlow();
            return;
        }
        method.addCode("$N.$N($L); // $L\n", parent.name(), setter, value(assignment, parent, target), origin);
    }

    /** Whether the value read from the event is not yet of the stub's type. */
    private boolean converts(Assignment assignment) {
        BuiltinType target = assignment.leafType().builtin();
        return target == BuiltinType.DATE || target == BuiltinType.DATE_TIME
                || names.enumClass(assignment.leafType()).isPresent() || isWrapped(assignment.leaf());
    }

    private CodeBlock value(Assignment assignment, ConnectorEmitter.Local parent, BuiltinType target) {
        List<FunctionCall> functions = assignment.line().functions();
        ValueKind kind = assignment.sourceKind();
        if (assignment.line().source() instanceof FieldRef field) {
            CodeBlock source;
            if (assignment.hasDefault()) {
                Constant fallback = functions.get(0).arguments().get(0);
                source = CodeBlock.of("$T.requireNonNullElse($L, $L)", Objects.class,
                        read(field, kind, target, false), literal(fallback, kind, target));
                functions = functions.subList(1, functions.size());
            } else {
                source = read(field, kind, target, assignment.leaf().isRequired());
            }
            return toTarget(assignment, parent, apply(source, functions));
        }
        Constant constant = (Constant) assignment.line().source();
        CodeBlock value;
        if (kind == ValueKind.DATE || kind == ValueKind.DATE_TIME) {
            value = conversions.constant(((StringConstant) constant).value());
        } else {
            value = apply(literal(constant, constantKind(assignment, target), target), functions);
            Optional<ClassName> enumClass = names.enumClass(assignment.leafType());
            if (enumClass.isPresent()) {
                // The checker has found a plain constant among the values.
                value = CodeBlock.of("$T.fromValue($L)", enumClass.get(), value);
            }
        }
        return wrap(assignment, parent, value);
    }

    /** A field's value, functions applied, as the stub's type. */
    private CodeBlock toTarget(Assignment assignment, ConnectorEmitter.Local parent, CodeBlock value) {
        String field = ((FieldRef) assignment.line().source()).dotted();
        Optional<ClassName> enumClass = names.enumClass(assignment.leafType());
        CodeBlock converted = switch (assignment.leafType().builtin()) {
            case DATE -> conversions.date(value);
            case DATE_TIME -> conversions.dateTime(value, field);
            default -> enumClass.isPresent()
                    ? conversions.enumValue(enumClass.get(), assignment.leafType().facets().enumeration(), value, field)
                    : value;
        };
        return wrap(assignment, parent, converted);
    }

    private CodeBlock wrap(Assignment assignment, ConnectorEmitter.Local parent, CodeBlock value) {
        return isWrapped(assignment.leaf()) ? conversions.element(parent.type(), assignment.leaf(), value) : value;
    }

    /** JAXB holds an optional nillable element in a {@code JAXBElement}, to tell nil from absent. */
    private static boolean isWrapped(XmlElement element) {
        return element.minOccurs() == 0 && element.nillable();
    }

    /** A constant is written as the kind its first consumer takes, so 5 becomes a BigDecimal for scale(2). */
    private static ValueKind constantKind(Assignment assignment, BuiltinType target) {
        ValueKind needed = assignment.line().functions().stream()
                .map(call -> BuiltinFunction.named(call.name()).orElseThrow().input())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(target == BuiltinType.DECIMAL ? ValueKind.DECIMAL : assignment.sourceKind());
        return assignment.sourceKind() == ValueKind.WHOLE_NUMBER && needed == ValueKind.DECIMAL
                ? ValueKind.DECIMAL
                : assignment.sourceKind();
    }

    private CodeBlock read(FieldRef field, ValueKind kind, BuiltinType target, boolean required) {
        String accessor = switch (kind) {
            case TEXT -> "text";
            case WHOLE_NUMBER -> target == BuiltinType.LONG ? "longInteger" : "integer";
            case DECIMAL -> "decimal";
            case BOOLEAN -> "bool";
            case DATE -> "date";
            case DATE_TIME -> "text";
        };
        if (required) {
            accessor = "required" + Character.toUpperCase(accessor.charAt(0)) + accessor.substring(1);
        }
        return CodeBlock.of("$N.$N($S)", event, accessor, field.dotted());
    }

    private static CodeBlock literal(Constant constant, ValueKind kind, BuiltinType target) {
        if (constant instanceof StringConstant string) {
            return kind == ValueKind.DATE
                    ? CodeBlock.of("$T.parse($S)", LocalDate.class, string.value())
                    : CodeBlock.of("$S", string.value());
        }
        NumberConstant number = (NumberConstant) constant;
        if (kind == ValueKind.DECIMAL) {
            return CodeBlock.of("new $T($S)", BigDecimal.class, number.text());
        }
        return CodeBlock.of(target == BuiltinType.LONG ? "$LL" : "$L", number.text());
    }

    private CodeBlock apply(CodeBlock value, List<FunctionCall> functions) {
        CodeBlock result = value;
        for (FunctionCall call : functions) {
            BuiltinFunction function = BuiltinFunction.named(call.name()).orElseThrow();
            result = switch (function) {
                case UPPER -> CodeBlock.of("$L.toUpperCase($T.ROOT)", result, Locale.class);
                case LOWER -> CodeBlock.of("$L.toLowerCase($T.ROOT)", result, Locale.class);
                case TRIM -> CodeBlock.of("$L.strip()", result);
                case SCALE -> CodeBlock.of("$L.setScale($L, $T.HALF_UP)", result,
                        ((NumberConstant) call.arguments().get(0)).text(), RoundingMode.class);
                case DATE -> CodeBlock.of("$N.format($L)",
                        dateFormats.constant(((StringConstant) call.arguments().get(0)).value()), result);
                case DEFAULT -> throw new IllegalStateException("default(...) must come first; the checker ensures it");
            };
        }
        return result;
    }

    private static TypeName javaType(ValueKind kind, BuiltinType target) {
        return switch (kind) {
            case TEXT -> ClassName.get(String.class);
            case WHOLE_NUMBER -> target == BuiltinType.LONG ? ClassName.get(Long.class) : ClassName.get(Integer.class);
            case DECIMAL -> ClassName.get(BigDecimal.class);
            case BOOLEAN -> ClassName.get(Boolean.class);
            case DATE -> ClassName.get(LocalDate.class);
            case DATE_TIME -> ClassName.get(String.class);
        };
    }
}
