package dev.ess.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * One JSON value as one Java value, for the typed accessors of {@link Event}: the value must be of
 * that kind, else the event is malformed; {@code where} names the value in the message.
 */
final class EventValues {

    private EventValues() {}

    static String text(JsonNode node, String where) {
        if (!node.isValueNode()) {
            throw wrongType(where, "a string", node);
        }
        String text = node.asText();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean xml = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xFFFD;
            if (!xml) {
                throw new MalformedEventException(String.format(Locale.ROOT,
                        "field '%s' holds U+%04X at position %d, a character XML cannot carry", where, (int) c, i + 1));
            }
        }
        return text;
    }

    static Integer integer(JsonNode node, String where) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(where, "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE, node);
        }
        return node.intValue();
    }

    static Long longInteger(JsonNode node, String where) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(where, "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, node);
        }
        return node.longValue();
    }

    static Short shortInteger(JsonNode node, String where) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() != (short) node.intValue()) {
            throw wrongType(where, "a whole number between " + Short.MIN_VALUE + " and " + Short.MAX_VALUE, node);
        }
        return (short) node.intValue();
    }

    static Byte byteInteger(JsonNode node, String where) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() != (byte) node.intValue()) {
            throw wrongType(where, "a whole number between " + Byte.MIN_VALUE + " and " + Byte.MAX_VALUE, node);
        }
        return (byte) node.intValue();
    }

    static BigInteger bigInteger(JsonNode node, String where) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        try {
            if (node.isTextual()) {
                return new BigInteger(node.textValue().strip());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw wrongType(where, "a whole number", node);
    }

    static BigDecimal decimal(JsonNode node, String where) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            if (node.isTextual()) {
                return new BigDecimal(node.textValue().trim());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw wrongType(where, "a decimal number", node);
    }

    static Double doubleNumber(JsonNode node, String where) {
        if (!node.isNumber()) {
            throw wrongType(where, "a number", node);
        }
        return node.doubleValue();
    }

    static Float floatNumber(JsonNode node, String where) {
        if (!node.isNumber()) {
            throw wrongType(where, "a number", node);
        }
        return node.floatValue();
    }

    static Boolean bool(JsonNode node, String where) {
        if (!node.isBoolean()) {
            throw wrongType(where, "true or false", node);
        }
        return node.booleanValue();
    }

    static LocalDate date(JsonNode node, String where) {
        String text = text(node, where);
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.strip(),
                    OffsetDateTime::from, LocalDateTime::from);
            return LocalDate.from(parsed);
        } catch (DateTimeException e) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeException notADate) {
                throw new MalformedEventException("field '" + where + "' must be an ISO-8601 date or date-time, found '"
                        + text + "'");
            }
        }
    }

    static MalformedEventException wrongType(String path, String expected, JsonNode found) {
        String kind = found.getNodeType().name().toLowerCase(Locale.ROOT);
        return new MalformedEventException("field '" + path + "' must be " + expected + ", found " + kind + " " + found);
    }
}
