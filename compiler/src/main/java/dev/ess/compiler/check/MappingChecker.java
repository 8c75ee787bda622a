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
import dev.ess.compiler.partner.PartnerOperation;
import dev.ess.compiler.partner.PartnerPort;
import dev.ess.compiler.partner.PartnerService;
import dev.ess.compiler.partner.UnresolvedSchemaException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a mapping against the manifest's fields and the partner's request, and binds it: every
 * source exists, every target is a value ESS can fill, mapped once, values fit their types, arrays
 * go with repeated elements, and no required element is left out. The result is the bound
 * connector the emitter renders.
 */
public final class MappingChecker {

    private final Diagnostics diagnostics;

    public MappingChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The bound connector, or empty when the mapping has errors (all reported). */
    public Optional<BoundConnector> check(Manifest manifest, MappingFile mapping, PartnerService service,
            PartnerPort port, PartnerOperation operation, Position mappingReference) {
        int errorsBefore = diagnostics.errorCount();
        Set<String> suggested = new HashSet<>();
        TargetResolver targets = new TargetResolver(diagnostics, operation, suggested);
        ValueBinder values = new ValueBinder(diagnostics);
        RequestPlanner planner = new RequestPlanner(diagnostics, operation);
        List<BoundConnector.Part> parts;
        try {
            checkLines(manifest, mapping, targets, values, planner);
            // A target offered as "did you mean" is surely meant to be mapped: do not report it missing too.
            suggested.forEach(planner::cover);
            parts = planner.finish(mapping, mappingReference);
        } catch (UnresolvedSchemaException e) {
            diagnostics.reportWithHint(DiagnosticCode.XSD_UNRESOLVED, e.position(),
                    "wsimport warned of it (ESS072, src-resolve): the partner's schema names a type or element"
                            + " that none of its documents declares; ask the partner for the missing schema",
                    e.holder());
            return Optional.empty();
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new BoundConnector(manifest, mapping, service, port, operation, parts));
    }

    private void checkLines(Manifest manifest, MappingFile mapping, TargetResolver targets, ValueBinder values,
            RequestPlanner planner) {
        Map<String, MappingLine> mapped = new HashMap<>();
        for (MappingLine line : mapping.lines()) {
            checkSource(manifest, line);
            boolean functionsOk = checkFunctionShapes(line);
            String written = line.target().toString();
            // A target a line names is not also reported as left unmapped, whatever is wrong with the line.
            planner.cover(written);
            Optional<TargetResolver.Resolved> target = targets.resolve(line.target());
            if (target.isEmpty()) {
                continue;
            }
            MappingLine first = mapped.putIfAbsent(written, line);
            if (first != null) {
                diagnostics.report(DiagnosticCode.TARGET_MAPPED_TWICE, line.target().position(), written, first.line());
                continue;
            }
            if (!functionsOk) {
                continue;
            }
            planner.pair(line, target.get())
                    .flatMap(pairing -> values.bind(line, target.get().leaf().value(), target.get().type(), written,
                            pairing.source()))
                    .ifPresent(value -> planner.add(line, target.get(), value));
        }
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
                    hint != null ? hint : "add it to 'fields' in " + manifest.fileName(), field.toString());
        }
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
}
