package dev.ess.compiler.emit;

import com.palantir.javapoet.FieldSpec;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** One {@code DateTimeFormatter} constant per distinct date(...) pattern of a connector. */
final class DateFormats {

    private final Map<String, String> constants = new LinkedHashMap<>();

    /** The constant for a pattern, declared on first use: DATE_FORMAT, DATE_FORMAT_2, ... */
    String constant(String pattern) {
        return constants.computeIfAbsent(pattern,
                p -> constants.isEmpty() ? "DATE_FORMAT" : "DATE_FORMAT_" + (constants.size() + 1));
    }

    List<FieldSpec> fields() {
        List<FieldSpec> fields = new ArrayList<>();
        constants.forEach((pattern, name) -> fields.add(
                FieldSpec.builder(DateTimeFormatter.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$T.ofPattern($S)", DateTimeFormatter.class, pattern)
                        .build()));
        return fields;
    }
}
