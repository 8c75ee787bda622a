package dev.ess.compiler.wsdl;

import java.math.BigDecimal;
import java.util.List;

/**
 * The restriction facets the checker enforces; {@code null} where the schema sets none.
 *
 * @param enumeration the values the type allows, in schema order; empty when it lists none
 */
public record Facets(
        Integer minLength,
        Integer maxLength,
        BigDecimal minInclusive,
        BigDecimal maxInclusive,
        Integer totalDigits,
        Integer fractionDigits,
        List<String> enumeration) {

    public static final Facets NONE = new Facets(null, null, null, null, null, null, List.of());

    public Facets {
        enumeration = List.copyOf(enumeration);
    }

    /** These facets narrowed by a derived type's own: the derived type's facets win. */
    Facets narrowedBy(Facets derived) {
        return new Facets(
                derived.minLength != null ? derived.minLength : minLength,
                derived.maxLength != null ? derived.maxLength : maxLength,
                derived.minInclusive != null ? derived.minInclusive : minInclusive,
                derived.maxInclusive != null ? derived.maxInclusive : maxInclusive,
                derived.totalDigits != null ? derived.totalDigits : totalDigits,
                derived.fractionDigits != null ? derived.fractionDigits : fractionDigits,
                derived.enumeration.isEmpty() ? enumeration : derived.enumeration);
    }

    /** Facets as shown in messages, for example " (maxLength 40)"; empty when there are none. */
    String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "minLength", minLength);
        append(text, "maxLength", maxLength);
        append(text, "minInclusive", minInclusive == null ? null : minInclusive.toPlainString());
        append(text, "maxInclusive", maxInclusive == null ? null : maxInclusive.toPlainString());
        append(text, "totalDigits", totalDigits);
        append(text, "fractionDigits", fractionDigits);
        return text.length() == 0 ? "" : " (" + text + ")";
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(text.length() == 0 ? "" : ", ").append(name).append(' ').append(value);
        }
    }
}
