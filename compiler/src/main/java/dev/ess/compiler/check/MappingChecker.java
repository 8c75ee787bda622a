package dev.ess.compiler.check;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.Suggestions;
import dev.ess.compiler.manifest.Manifest;
import dev.ess.compiler.mapping.Constant;
import dev.ess.compiler.mapping.FieldRef;
import dev.ess.compiler.mapping.FunctionCall;
import dev.ess.compiler.mapping.MappingFile;
import dev.ess.compiler.mapping.MappingLine;
import dev.ess.compiler.mapping.NumberConstant;
import dev.ess.compiler.mapping.StringConstant;
import dev.ess.compiler.mapping.TargetPath;
import dev.ess.compiler.wsdl.BuiltinType;
import dev.ess.compiler.wsdl.ComplexType;
import dev.ess.compiler.wsdl.Facets;
import dev.ess.compiler.wsdl.SimpleType;
import dev.ess.compiler.wsdl.SoapTarget;
import dev.ess.compiler.wsdl.XmlElement;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a mapping against the manifest's fields and the partner's request type: every source
 * exists, every target is a known simple element mapped once, values fit their types, and no
 * required element is left out.
 */
public final class MappingChecker {

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final Diagnostics diagnostics;

    public MappingChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The checked connector, or empty when the mapping has errors (all reported). */
    public Optional<CheckedConnector> check(Manifest manifest, MappingFile mapping, SoapTarget target, Position mappingReference) {
        int errorsBefore = diagnostics.errorCount();
        XmlElement root = target.operation().input();
        List<Assignment> assignments = new ArrayList<>();
        Map<String, MappingLine> mapped = new HashMap<>();
        Set<String> suggested = new HashSet<>();
        for (MappingLine line : mapping.lines()) {
            checkSource(manifest, line);
            boolean functionsOk = checkFunctionShapes(line);
            Optional<List<XmlElement>> path = resolveTarget(root, line.target(), suggested);
            if (path.isEmpty()) {
                continue;
            }
            MappingLine first = mapped.putIfAbsent(line.target().toString(), line);
            if (first != null) {
                diagnostics.report(DiagnosticCode.TARGET_MAPPED_TWICE, line.target().position(),
                        line.target().toString(), first.line());
                continue;
            }
            if (!functionsOk) {
                continue;
            }
            SimpleType leafType = (SimpleType) path.get().get(path.get().size() - 1).type();
            checkValue(line, leafType, line.target().toString())
                    .ifPresent(kind -> assignments.add(new Assignment(line, path.get(), kind)));
        }
        // A target offered as "did you mean" is surely meant to be mapped: do not report it missing too.
        Set<String> covered = new HashSet<>(mapped.keySet());
        covered.addAll(suggested);
        checkRequired(root, root.name(), true, covered, mapping, mappingReference);
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new CheckedConnector(manifest, mapping, target, assignments));
    }

    private void checkSource(Manifest manifest, MappingLine line) {
        if (!(line.source() instanceof FieldRef field)) {
            return;
        }
        List<String> fields = manifest.fieldNames();
        String dotted = field.dotted();
        boolean declared = fields.contains(dotted)
                || fields.stream().anyMatch(declaredField -> dotted.startsWith(declaredField + "."));
        if (!declared) {
            String hint = Suggestions.didYouMean(dotted, fields);
            diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_SOURCE_FIELD, field.position(),
                    hint != null ? hint : "add it to 'fields' in " + manifest.fileName(), dotted);
        }
    }

    /** The elements from the root to the mapped leaf, or empty when the path is wrong (reported). */
    private Optional<List<XmlElement>> resolveTarget(XmlElement root, TargetPath target, Set<String> suggested) {
        List<TargetPath.Segment> segments = target.segments();
        if (!segments.get(0).name().equals(root.name())) {
            reportUnknownTarget(root, target, segments.get(0), suggested);
            return Optional.empty();
        }
        List<XmlElement> path = new ArrayList<>(List.of(root));
        XmlElement current = root;
        for (TargetPath.Segment segment : segments.subList(1, segments.size())) {
            Optional<XmlElement> child = current.type() instanceof ComplexType complex
                    ? complex.element(segment.name())
                    : Optional.empty();
            if (child.isEmpty()) {
                reportUnknownTarget(root, target, segment, suggested);
                return Optional.empty();
            }
            current = child.get();
            path.add(current);
        }
        if (current.isComplex()) {
            diagnostics.reportWithHint(DiagnosticCode.TARGET_NOT_A_VALUE, target.position(),
                    "its elements: " + String.join(", ", ((ComplexType) current.type()).elements().stream()
                            .map(e -> target + "/" + e.name()).toList()),
                    target.toString());
            return Optional.empty();
        }
        for (XmlElement element : path.subList(1, path.size())) {
            if (element.isRepeated()) {
                diagnostics.report(DiagnosticCode.TARGET_TYPE_UNSUPPORTED, target.position(), target.toString(),
                        "a repeated element (" + element.name() + ")");
                return Optional.empty();
            }
        }
        SimpleType leafType = (SimpleType) current.type();
        if (!leafType.isSupported()) {
            diagnostics.report(DiagnosticCode.TARGET_TYPE_UNSUPPORTED, target.position(), target.toString(),
                    leafType.describe());
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private void reportUnknownTarget(XmlElement root, TargetPath target, TargetPath.Segment segment,
            Set<String> suggested) {
        List<String> known = new ArrayList<>();
        collectLeafPaths(root, root.name(), known);
        Optional<String> closest = Suggestions.closest(target.toString(), known);
        closest.ifPresent(suggested::add);
        diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_TARGET, segment.position(),
                closest.map(path -> "did you mean '" + path + "'?").orElse("targets: " + String.join(", ", known)),
                target.toString());
    }

    private static void collectLeafPaths(XmlElement element, String path, List<String> paths) {
        if (element.type() instanceof ComplexType complex) {
            complex.elements().forEach(child -> collectLeafPaths(child, path + "/" + child.name(), paths));
        } else {
            paths.add(path);
        }
    }

    /** Follows the value through the line's functions; returns the kind the source is read as. */
    private Optional<ValueKind> checkValue(MappingLine line, SimpleType targetType, String targetPath) {
        ValueKind targetKind = ValueKind.of(targetType.builtin());
        List<FunctionCall> functions = line.functions();
        boolean ok = true;
        // A field is read as what its first function takes, else as what its target holds.
        ValueKind sourceKind = line.source() instanceof Constant constant
                ? kindOf(constant, functions.isEmpty() ? targetKind : null)
                : functions.stream()
                        .map(call -> BuiltinFunction.named(call.name()).orElseThrow().input())
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(targetKind);
        ValueKind kind = sourceKind;
        for (FunctionCall call : functions) {
            BuiltinFunction function = BuiltinFunction.named(call.name()).orElseThrow();
            if (function == BuiltinFunction.DEFAULT) {
                ok &= checkConstant((Constant) call.arguments().get(0), kind, targetType, targetPath);
                continue;
            }
            if (!kind.fits(function.input())) {
                diagnostics.report(DiagnosticCode.FUNCTION_INPUT_MISMATCH, call.position(), call.name(),
                        function.input().description(), kind.description());
                return Optional.empty();
            }
            Integer fractionDigits = targetType.facets().fractionDigits();
            if (function == BuiltinFunction.SCALE && fractionDigits != null
                    && ((NumberConstant) call.arguments().get(0)).value().intValue() > fractionDigits) {
                diagnostics.reportWithHint(DiagnosticCode.SCALE_TOO_FINE, call.position(), "use scale(" + fractionDigits + ")",
                        ((NumberConstant) call.arguments().get(0)).value().intValue(), fractionDigits, targetPath);
                ok = false;
            }
            kind = function.output();
        }
        if (!kind.fits(targetKind)) {
            Position at = functions.isEmpty() ? line.source().position() : functions.get(functions.size() - 1).position();
            String what = functions.isEmpty() ? line.source().describe() : kind.description();
            String hint = null;
            if ((kind == ValueKind.WHOLE_NUMBER || kind == ValueKind.DECIMAL) && targetKind == ValueKind.TEXT) {
                hint = "write the number in quotes to send it as text";
            } else if (isDate(targetKind)
                    && functions.stream().anyMatch(call -> call.name().equals(BuiltinFunction.DATE.dslName()))) {
                hint = "date(...) makes text; an xs:" + targetType.builtin().xsdName() + " takes the field itself";
            }
            diagnostics.reportWithHint(DiagnosticCode.TYPE_MISMATCH, at, hint, what, targetPath, targetType.describe());
            return Optional.empty();
        }
        if (functions.isEmpty() && line.source() instanceof Constant constant) {
            ok &= checkConstant(constant, kind, targetType, targetPath);
        }
        return ok ? Optional.of(sourceKind) : Optional.empty();
    }

    /** Known functions with the right arguments, default(...) first and never on a constant. */
    private boolean checkFunctionShapes(MappingLine line) {
        boolean ok = true;
        List<FunctionCall> functions = line.functions();
        for (int i = 0; i < functions.size(); i++) {
            FunctionCall call = functions.get(i);
            Optional<BuiltinFunction> function = BuiltinFunction.named(call.name());
            if (function.isEmpty()) {
                String hint = Suggestions.didYouMean(call.name(), BuiltinFunction.names());
                diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_FUNCTION, call.position(),
                        hint != null ? hint : "functions: " + String.join(", ", BuiltinFunction.names()), call.name());
                ok = false;
                continue;
            }
            ok &= checkArguments(call, function.get());
            if (function.get() == BuiltinFunction.DEFAULT) {
                if (line.source() instanceof Constant) {
                    diagnostics.report(DiagnosticCode.DEFAULT_ON_CONSTANT, call.position());
                    ok = false;
                } else if (i > 0) {
                    diagnostics.reportWithHint(DiagnosticCode.DEFAULT_NOT_FIRST, call.position(),
                            "move it before " + functions.get(0).name());
                    ok = false;
                }
            }
        }
        return ok;
    }

    private boolean checkArguments(FunctionCall call, BuiltinFunction function) {
        List<Constant> arguments = call.arguments();
        List<BuiltinFunction.Parameter> parameters = function.parameters();
        boolean fits = arguments.size() == parameters.size();
        for (int i = 0; fits && i < arguments.size(); i++) {
            fits = switch (parameters.get(i)) {
                case CONSTANT -> true;
                case TEXT -> arguments.get(i) instanceof StringConstant;
                case WHOLE_NUMBER -> arguments.get(i) instanceof NumberConstant number && number.isWhole()
                        && number.value().signum() >= 0 && number.value().compareTo(BigDecimal.valueOf(100)) <= 0;
            };
        }
        if (!fits) {
            diagnostics.report(DiagnosticCode.WRONG_ARGUMENTS, call.position(), call.name(), function.signature(),
                    describeArguments(arguments));
            return false;
        }
        if (function == BuiltinFunction.DATE) {
            StringConstant pattern = (StringConstant) arguments.get(0);
            try {
                DateTimeFormatter.ofPattern(pattern.value());
            } catch (IllegalArgumentException e) {
                diagnostics.report(DiagnosticCode.INVALID_DATE_PATTERN, pattern.position(), pattern.value(), e.getMessage());
                return false;
            }
        }
        return true;
    }

    private static String describeArguments(List<Constant> arguments) {
        if (arguments.isEmpty()) {
            return "none";
        }
        return String.join(", ", arguments.stream()
                .map(argument -> argument instanceof NumberConstant number ? "the number " + number.text() : "a string")
                .toList());
    }

    /** A constant (or default) against the target's kind and facets. */
    private boolean checkConstant(Constant constant, ValueKind kind, SimpleType targetType, String targetPath) {
        if (!kindOf(constant, kind).fits(kind)) {
            diagnostics.report(DiagnosticCode.TYPE_MISMATCH, constant.position(), constant.describe(), targetPath,
                    targetType.describe());
            return false;
        }
        Facets facets = targetType.facets();
        if (constant instanceof StringConstant string) {
            int length = string.value().codePointCount(0, string.value().length());
            if (facets.maxLength() != null && length > facets.maxLength()) {
                diagnostics.report(DiagnosticCode.VALUE_TOO_LONG, constant.position(), length, facets.maxLength(), targetPath);
                return false;
            }
            if (facets.minLength() != null && length < facets.minLength()) {
                diagnostics.report(DiagnosticCode.VALUE_TOO_SHORT, constant.position(), length, facets.minLength(), targetPath);
                return false;
            }
            if (targetType.isEnumeration() && !facets.enumeration().contains(string.value())) {
                diagnostics.reportWithHint(DiagnosticCode.VALUE_NOT_ENUMERATED, constant.position(),
                        Suggestions.didYouMean(string.value(), facets.enumeration()), string.value(),
                        targetType.name() != null ? targetType.name() : targetPath, String.join(", ", facets.enumeration()));
                return false;
            }
            if (isDate(kind) && !XsdDates.isValid(string.value(), kind)) {
                diagnostics.reportWithHint(DiagnosticCode.VALUE_NOT_A_DATE, constant.position(),
                        XsdDates.example(kind), string.value(), XsdDates.xsdName(kind));
                return false;
            }
        }
        if (constant instanceof NumberConstant number) {
            BigDecimal value = number.value();
            BuiltinType builtin = targetType.builtin();
            BigDecimal min = builtin == BuiltinType.INT ? INT_MIN : builtin == BuiltinType.LONG ? LONG_MIN : null;
            BigDecimal max = builtin == BuiltinType.INT ? INT_MAX : builtin == BuiltinType.LONG ? LONG_MAX : null;
            if (facets.minInclusive() != null) {
                min = min == null ? facets.minInclusive() : min.max(facets.minInclusive());
            }
            if (facets.maxInclusive() != null) {
                max = max == null ? facets.maxInclusive() : max.min(facets.maxInclusive());
            }
            if (min != null && value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
                String range = "[" + (min == null ? "" : min.toPlainString()) + ", "
                        + (max == null ? "" : max.toPlainString()) + "]";
                diagnostics.report(DiagnosticCode.VALUE_OUT_OF_RANGE, constant.position(), number.text(), range, targetPath);
                return false;
            }
            return checkDigits(number, facets, targetPath);
        }
        return true;
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

    /** A string constant is read as a date where one is wanted, and checked to be one. */
    private static ValueKind kindOf(Constant constant, ValueKind wanted) {
        if (constant instanceof NumberConstant number) {
            return number.isWhole() ? ValueKind.WHOLE_NUMBER : ValueKind.DECIMAL;
        }
        return isDate(wanted) ? wanted : ValueKind.TEXT;
    }

    private static boolean isDate(ValueKind kind) {
        return kind == ValueKind.DATE || kind == ValueKind.DATE_TIME;
    }

    /**
     * Required elements must be mapped: those of the root, of required complex children, and of
     * optional complex children the mapping fills in part.
     */
    private void checkRequired(XmlElement element, String path, boolean needed, Set<String> mapped,
            MappingFile mapping, Position mappingReference) {
        if (!(element.type() instanceof ComplexType complex)) {
            if (needed && element.isRequired() && !mapped.contains(path)) {
                diagnostics.reportWithHint(DiagnosticCode.REQUIRED_TARGET_UNMAPPED, mappingReference,
                        "add a line '<field> -> " + path + "' to " + mapping.fileName(), path);
            }
            return;
        }
        for (XmlElement child : complex.elements()) {
            String childPath = path + "/" + child.name();
            boolean childNeeded = needed && child.isRequired()
                    || mapped.stream().anyMatch(m -> m.startsWith(childPath + "/"));
            if (child.isRepeated()) {
                continue;
            }
            checkRequired(child, childPath, childNeeded || !child.isComplex() && needed, mapped, mapping, mappingReference);
        }
    }
}
