package dev.ess.compiler.check;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.Suggestions;
import dev.ess.compiler.mapping.Constant;
import dev.ess.compiler.mapping.FieldRef;
import dev.ess.compiler.mapping.FunctionCall;
import dev.ess.compiler.mapping.MappingLine;
import dev.ess.compiler.mapping.NumberConstant;
import dev.ess.compiler.mapping.StringConstant;
import dev.ess.compiler.partner.Facets;
import dev.ess.compiler.partner.SimpleValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds a mapping line's source and functions to its target's type: follows the value's kind
 * through the functions, checks constants against the target's facets, and decides the accessor,
 * the constant's Java form and the conversion into the stubs' type.
 */
final class ValueBinder {

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final Diagnostics diagnostics;

    ValueBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Where the line's value is read from, as the iteration around it decides.
     *
     * @param scope the array entry a field is read from, {@code null} for the event
     * @param entry the array whose entries are the values themselves ({@code tags[]}), or {@code null}
     * @param required whether the target must be sent wherever the line's value is set
     */
    record Source(SourceArray scope, SourceArray entry, boolean required) {}

    /** The bound value, or empty when the line has an error (reported). */
    Optional<BoundValue> bind(MappingLine line, SimpleValue target, TargetType type, String targetPath, Source source) {
        List<FunctionCall> functions = line.functions();
        boolean ok = true;
        // A field is read as what its first function takes, else as what its target holds.
        ValueKind sourceKind = line.source() instanceof Constant constant
                ? kindOf(constant, functions.isEmpty() ? type.kind() : null)
                : functions.stream()
                        .map(call -> BuiltinFunction.named(call.name()).orElseThrow().input())
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(type.kind());
        ValueKind kind = sourceKind;
        Constant fallback = null;
        List<Step> steps = new ArrayList<>();
        for (FunctionCall call : functions) {
            BuiltinFunction function = BuiltinFunction.named(call.name()).orElseThrow();
            if (function == BuiltinFunction.DEFAULT) {
                fallback = call.arguments().get(0);
                ok &= checkConstant(fallback, kind, target, type, targetPath);
                continue;
            }
            if (!kind.fits(function.input())) {
                diagnostics.report(DiagnosticCode.FUNCTION_INPUT_MISMATCH, call.position(), call.name(),
                        function.input().description(), kind.description());
                return Optional.empty();
            }
            Integer fractionDigits = target.facets().fractionDigits();
            if (function == BuiltinFunction.SCALE && fractionDigits != null && digits(call) > fractionDigits) {
                diagnostics.reportWithHint(DiagnosticCode.SCALE_TOO_FINE, call.position(), "use scale(" + fractionDigits + ")",
                        digits(call), fractionDigits, targetPath);
                ok = false;
            }
            steps.add(step(function, call));
            kind = function.output();
        }
        if (!kind.fits(type.kind())) {
            reportMismatch(line, kind, target, type, targetPath);
            return Optional.empty();
        }
        if (line.source() instanceof Constant constant && functions.isEmpty()) {
            ok &= checkConstant(constant, kind, target, type, targetPath);
        }
        if (!ok) {
            return Optional.empty();
        }
        Conversion conversion = type.kind() == ValueKind.FLOATING && kind != ValueKind.FLOATING && !steps.isEmpty()
                ? new Conversion.Floating(type.reader() == Reader.FLOAT)
                : type.conversion();
        if (line.source() instanceof Constant constant) {
            if (steps.isEmpty() && !(conversion instanceof Conversion.Attachment)) {
                return Optional.of(new BoundValue(new Read.Constant(targetLiteral(constant, target, type)), steps,
                        Conversion.NONE));
            }
            return Optional.of(new BoundValue(new Read.Constant(readLiteral(constant, sourceKind, type)), steps, conversion));
        }
        Reader reader = sourceKind == type.kind() ? type.reader() : reader(sourceKind);
        Read read = source.entry() != null
                ? new Read.Entry(source.entry())
                : new Read.Field(source.scope(), tail((FieldRef) line.source()), reader,
                        source.required() && fallback == null, fallback == null ? null : readLiteral(fallback, sourceKind, type));
        return Optional.of(new BoundValue(read, steps, conversion));
    }

    /** How a field of the line is read: as its first function takes it, else as its target holds it. */
    static Reader reader(MappingLine line, TargetType type) {
        ValueKind sourceKind = line.functions().stream()
                .map(call -> BuiltinFunction.named(call.name()).map(BuiltinFunction::input).orElse(null))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(type.kind());
        return sourceKind == type.kind() ? type.reader() : reader(sourceKind);
    }

    /** The path of a field below the last array it walks: {@code items[].sku -> sku}. */
    static String tail(FieldRef field) {
        List<FieldRef.Segment> segments = field.segments();
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).each()) {
                start = i + 1;
            }
        }
        return String.join(".", segments.subList(start, segments.size()).stream().map(FieldRef.Segment::name).toList());
    }

    private static Reader reader(ValueKind kind) {
        return switch (kind) {
            case TEXT, DATE_TIME -> Reader.TEXT;
            case WHOLE_NUMBER -> Reader.LONG;
            case DECIMAL -> Reader.DECIMAL;
            case FLOATING -> Reader.DOUBLE;
            case BOOLEAN -> Reader.BOOLEAN;
            case DATE -> Reader.DATE;
        };
    }

    private static Step step(BuiltinFunction function, FunctionCall call) {
        return switch (function) {
            case UPPER -> new Step.Upper();
            case LOWER -> new Step.Lower();
            case TRIM -> new Step.Trim();
            case SCALE -> new Step.Scale(digits(call));
            case DATE -> new Step.FormatDate(((StringConstant) call.arguments().get(0)).value());
            case DEFAULT -> throw new IllegalArgumentException("default(...) is not a step");
        };
    }

    private static int digits(FunctionCall call) {
        return ((NumberConstant) call.arguments().get(0)).value().intValue();
    }

    private void reportMismatch(MappingLine line, ValueKind kind, SimpleValue target, TargetType type, String targetPath) {
        List<FunctionCall> functions = line.functions();
        Position at = functions.isEmpty() ? line.source().position() : functions.get(functions.size() - 1).position();
        String what = functions.isEmpty() ? line.source().describe() : kind.description();
        String hint = null;
        if (kind.isNumber() && type.kind() == ValueKind.TEXT) {
            hint = "write the number in quotes to send it as text";
        } else if ((type.kind() == ValueKind.DATE || type.kind() == ValueKind.DATE_TIME)
                && functions.stream().anyMatch(call -> call.name().equals(BuiltinFunction.DATE.dslName()))) {
            hint = "date(...) makes text; an xs:" + target.xsdType() + " takes the field itself";
        }
        diagnostics.reportWithHint(DiagnosticCode.TYPE_MISMATCH, at, hint, what, targetPath, target.describe());
    }

    /** A constant (or default) against the target's kind, the range of its Java type and its facets. */
    private boolean checkConstant(Constant constant, ValueKind kind, SimpleValue target, TargetType type, String targetPath) {
        if (!kindOf(constant, kind).fits(kind)) {
            diagnostics.report(DiagnosticCode.TYPE_MISMATCH, constant.position(), constant.describe(), targetPath,
                    target.describe());
            return false;
        }
        Facets facets = target.facets();
        if (constant instanceof StringConstant string) {
            return checkText(string, kind, target, type, targetPath);
        }
        NumberConstant number = (NumberConstant) constant;
        BigDecimal value = number.value();
        Range range = Range.of(type.reader(), facets);
        if (!range.contains(value)) {
            diagnostics.report(DiagnosticCode.VALUE_OUT_OF_RANGE, constant.position(), number.text(), range, targetPath);
            return false;
        }
        if (!target.enumeration().isEmpty() && target.enumeration().stream()
                .noneMatch(allowed -> isNumber(allowed) && new BigDecimal(allowed.strip()).compareTo(value) == 0)) {
            diagnostics.report(DiagnosticCode.VALUE_NOT_ENUMERATED, constant.position(), number.text(),
                    target.typeName() != null ? target.typeName() : targetPath, listed(target.enumeration()));
            return false;
        }
        return checkDigits(number, facets, targetPath);
    }

    private boolean checkText(StringConstant string, ValueKind kind, SimpleValue target, TargetType type, String targetPath) {
        Facets facets = target.facets();
        String text = string.value();
        int illegal = text.codePoints().filter(c -> !isXmlChar(c)).findFirst().orElse(-1);
        if (illegal >= 0) {
            diagnostics.report(DiagnosticCode.VALUE_NOT_XML, string.position(), String.format(java.util.Locale.ROOT, "U+%04X", illegal));
            return false;
        }
        int length = text.codePointCount(0, text.length());
        if (facets.maxLength() != null && length > facets.maxLength()) {
            diagnostics.report(DiagnosticCode.VALUE_TOO_LONG, string.position(), length, facets.maxLength(), targetPath);
            return false;
        }
        if (facets.minLength() != null && length < facets.minLength()) {
            diagnostics.report(DiagnosticCode.VALUE_TOO_SHORT, string.position(), length, facets.minLength(), targetPath);
            return false;
        }
        if (!target.enumeration().isEmpty() && !target.enumeration().contains(text)) {
            diagnostics.reportWithHint(DiagnosticCode.VALUE_NOT_ENUMERATED, string.position(),
                    Suggestions.didYouMean(text, target.enumeration()), text,
                    target.typeName() != null ? target.typeName() : targetPath, listed(target.enumeration()));
            return false;
        }
        String lexical = XsdValues.lexicalType(kind, type.conversion());
        if (lexical != null && !XsdValues.isValid(text, lexical)) {
            diagnostics.reportWithHint(DiagnosticCode.VALUE_NOT_A_DATE, string.position(), XsdValues.example(lexical),
                    text, "xs:" + lexical);
            return false;
        }
        return true;
    }

    /** Enumerations can be long; a message lists the first ones. */
    private static String listed(List<String> values) {
        return values.size() <= 20 ? String.join(", ", values)
                : String.join(", ", values.subList(0, 20)) + " and " + (values.size() - 20) + " more";
    }

    /** XSD counts the digits of the value, so trailing zeros after the point do not count. */
    private boolean checkDigits(NumberConstant number, Facets facets, String targetPath) {
        BigDecimal value = number.value().stripTrailingZeros();
        int fraction = Math.max(0, value.scale());
        int total = value.setScale(fraction).precision();
        if (facets.fractionDigits() != null && fraction > facets.fractionDigits()) {
            diagnostics.report(DiagnosticCode.VALUE_TOO_PRECISE, number.position(), number.text(), fraction,
                    "fraction digits", "fractionDigits", facets.fractionDigits(), targetPath);
            return false;
        }
        if (facets.totalDigits() != null && total > facets.totalDigits()) {
            diagnostics.report(DiagnosticCode.VALUE_TOO_PRECISE, number.position(), number.text(), total,
                    "digits", "totalDigits", facets.totalDigits(), targetPath);
            return false;
        }
        return true;
    }

    /** A constant written straight into its target, in the stubs' own type. */
    private static Literal targetLiteral(Constant constant, SimpleValue target, TargetType type) {
        if (constant instanceof NumberConstant number) {
            return numberLiteral(number, type.reader());
        }
        String text = ((StringConstant) constant).value();
        Conversion conversion = type.conversion();
        if (conversion instanceof Conversion.EnumValue enumValue) {
            return new Literal(Literal.Form.ENUM, target.enumConstants().get(text), enumValue.enumClass());
        }
        if (conversion instanceof Conversion.XmlDate || conversion instanceof Conversion.XmlDateTime
                || conversion instanceof Conversion.XmlCalendar) {
            return Literal.of(Literal.Form.XML_CALENDAR, text);
        }
        if (conversion instanceof Conversion.XmlDuration) {
            return Literal.of(Literal.Form.XML_DURATION, text);
        }
        if (conversion instanceof Conversion.QualifiedName) {
            return Literal.of(Literal.Form.QNAME, text);
        }
        if (conversion instanceof Conversion.Binary binary) {
            return Literal.of(binary.hex() ? Literal.Form.HEX : Literal.Form.BASE64, text);
        }
        return Literal.of(Literal.Form.STRING, text);
    }

    /** A constant where the value is still being read: the input of the first function, or a field's default. */
    private static Literal readLiteral(Constant constant, ValueKind sourceKind, TargetType type) {
        if (constant instanceof NumberConstant number) {
            return numberLiteral(number, sourceKind == type.kind() ? type.reader() : reader(sourceKind));
        }
        String text = ((StringConstant) constant).value();
        return Literal.of(sourceKind == ValueKind.DATE ? Literal.Form.LOCAL_DATE : Literal.Form.STRING, text);
    }

    private static Literal numberLiteral(NumberConstant number, Reader reader) {
        Literal.Form form = switch (reader) {
            case INTEGER -> Literal.Form.INT;
            case LONG -> Literal.Form.LONG;
            case SHORT -> Literal.Form.SHORT;
            case BYTE -> Literal.Form.BYTE;
            case BIG_INTEGER -> Literal.Form.BIG_INTEGER;
            case DOUBLE -> Literal.Form.DOUBLE;
            case FLOAT -> Literal.Form.FLOAT;
            default -> Literal.Form.DECIMAL;
        };
        return Literal.of(form, number.text());
    }

    /** A string constant is read as a date where one is wanted, and checked to be one. */
    private static ValueKind kindOf(Constant constant, ValueKind wanted) {
        if (constant instanceof NumberConstant number) {
            return number.isWhole() ? ValueKind.WHOLE_NUMBER : ValueKind.DECIMAL;
        }
        return wanted == ValueKind.DATE || wanted == ValueKind.DATE_TIME ? wanted : ValueKind.TEXT;
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The characters XML 1.0 can carry. */
    static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    /** The numbers a target takes: its Java type's range narrowed by the schema's bounds. */
    private record Range(BigDecimal min, boolean minIncluded, BigDecimal max, boolean maxIncluded) {

        static Range of(Reader reader, Facets facets) {
            BigDecimal min = switch (reader) {
                case INTEGER -> INT_MIN;
                case LONG -> LONG_MIN;
                case SHORT -> BigDecimal.valueOf(Short.MIN_VALUE);
                case BYTE -> BigDecimal.valueOf(Byte.MIN_VALUE);
                default -> null;
            };
            BigDecimal max = switch (reader) {
                case INTEGER -> INT_MAX;
                case LONG -> LONG_MAX;
                case SHORT -> BigDecimal.valueOf(Short.MAX_VALUE);
                case BYTE -> BigDecimal.valueOf(Byte.MAX_VALUE);
                default -> null;
            };
            Range range = new Range(min, true, max, true);
            range = range.atLeast(facets.minInclusive(), true).atLeast(facets.minExclusive(), false);
            return range.atMost(facets.maxInclusive(), true).atMost(facets.maxExclusive(), false);
        }

        Range atLeast(BigDecimal bound, boolean included) {
            if (bound == null || min != null && (bound.compareTo(min) < 0 || bound.compareTo(min) == 0 && included)) {
                return this;
            }
            return new Range(bound, included, max, maxIncluded);
        }

        Range atMost(BigDecimal bound, boolean included) {
            if (bound == null || max != null && (bound.compareTo(max) > 0 || bound.compareTo(max) == 0 && included)) {
                return this;
            }
            return new Range(min, minIncluded, bound, included);
        }

        boolean contains(BigDecimal value) {
            boolean aboveMin = min == null || (minIncluded ? value.compareTo(min) >= 0 : value.compareTo(min) > 0);
            boolean belowMax = max == null || (maxIncluded ? value.compareTo(max) <= 0 : value.compareTo(max) < 0);
            return aboveMin && belowMax;
        }

        @Override
        public String toString() {
            return (minIncluded ? "[" : "(") + (min == null ? "" : min.toPlainString()) + ", "
                    + (max == null ? "" : max.toPlainString()) + (maxIncluded ? "]" : ")");
        }
    }
}
