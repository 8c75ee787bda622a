package dev.ess.compiler.check;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The functions a mapping line can pipe its value through. */
public enum BuiltinFunction {
    UPPER("upper", ValueKind.TEXT, ValueKind.TEXT, List.of()),
    LOWER("lower", ValueKind.TEXT, ValueKind.TEXT, List.of()),
    TRIM("trim", ValueKind.TEXT, ValueKind.TEXT, List.of()),
    /** Replaces a missing field; its input and output kind is the value's own. */
    DEFAULT("default", null, null, List.of(Parameter.CONSTANT)),
    /** Formats an ISO-8601 date or date-time field with a {@code DateTimeFormatter} pattern. */
    DATE("date", ValueKind.DATE, ValueKind.TEXT, List.of(Parameter.TEXT)),
    /** Rounds a decimal half-up to the given number of decimals. */
    SCALE("scale", ValueKind.DECIMAL, ValueKind.DECIMAL, List.of(Parameter.WHOLE_NUMBER));

    /** What an argument must be. */
    public enum Parameter {
        CONSTANT("a constant"),
        TEXT("a string"),
        WHOLE_NUMBER("a whole number");

        private final String description;

        Parameter(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String dslName;
    private final ValueKind input;
    private final ValueKind output;
    private final List<Parameter> parameters;

    BuiltinFunction(String dslName, ValueKind input, ValueKind output, List<Parameter> parameters) {
        this.dslName = dslName;
        this.input = input;
        this.output = output;
        this.parameters = parameters;
    }

    public String dslName() {
        return dslName;
    }

    /** The kind the function reads, {@code null} for any. */
    public ValueKind input() {
        return input;
    }

    /** The kind the function returns, {@code null} when it is the input's. */
    public ValueKind output() {
        return output;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** How its arguments read in a message: "no arguments", "one argument (a string)". */
    public String signature() {
        if (parameters.isEmpty()) {
            return "no arguments";
        }
        return "one argument (" + parameters.get(0).description() + ")";
    }

    public static Optional<BuiltinFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.dslName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(BuiltinFunction::dslName).toList();
    }
}
