package dev.ess.compiler.check;

/** A function of a mapping line, checked and typed: what the emitter applies to the value, in order. */
public sealed interface Step {

    record Upper() implements Step {}

    record Lower() implements Step {}

    record Trim() implements Step {}

    /** Rounds a decimal half-up to {@code digits} decimals. */
    record Scale(int digits) implements Step {}

    /** Formats a {@code LocalDate} with a {@code DateTimeFormatter} pattern. */
    record FormatDate(String pattern) implements Step {}
}
