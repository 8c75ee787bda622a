package dev.ess.compiler.partner;

import java.math.BigDecimal;
import java.util.List;

/**
 * The restriction facets of a simple type, its base types' included; {@code null} where the
 * schema sets none.
 *
 * @param enumeration the values the type allows, in schema order; empty when it lists none
 * @param patterns the patterns the type's value must match, as XML Schema writes them
 */
public record Facets(
        Integer minLength,
        Integer maxLength,
        BigDecimal minInclusive,
        BigDecimal maxInclusive,
        BigDecimal minExclusive,
        BigDecimal maxExclusive,
        Integer totalDigits,
        Integer fractionDigits,
        List<String> enumeration,
        List<String> patterns) {

    public static final Facets NONE = new Facets(null, null, null, null, null, null, null, null, List.of(), List.of());

    public Facets {
        enumeration = List.copyOf(enumeration);
        patterns = List.copyOf(patterns);
    }

    /** Facets as shown in messages, for example " (maxLength 40)"; empty when there are none. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "minLength", minLength);
        append(text, "maxLength", maxLength);
        append(text, "minInclusive", plain(minInclusive));
        append(text, "maxInclusive", plain(maxInclusive));
        append(text, "minExclusive", plain(minExclusive));
        append(text, "maxExclusive", plain(maxExclusive));
        append(text, "totalDigits", totalDigits);
        append(text, "fractionDigits", fractionDigits);
        return text.length() == 0 ? "" : " (" + text + ")";
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(text.length() == 0 ? "" : ", ").append(name).append(' ').append(value);
        }
    }
}
