package dev.ess.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;

/**
 * One event from the bus: a stable id and a JSON object body.
 *
 * <p>Generated mappings read fields through the typed accessors below. A dotted path
 * ({@code owner.name}) walks nested objects. The optional accessors return {@code null} for a
 * field that is absent or JSON {@code null}; the {@code required} ones throw
 * {@link MalformedEventException}. A field of the wrong type always throws.
 */
public final class Event {

    /**
     * Strict about what a lenient reader would guess at: text after the object, or a field given
     * twice (which of the two would the partner get?), makes an event malformed.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String id;
    private final String routingKey;
    private final JsonNode body;

    private Event(String id, String routingKey, JsonNode body) {
        this.id = Objects.requireNonNull(id, "id");
        this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
        this.body = body;
    }

    /**
     * Parses an event body.
     *
     * @throws MalformedEventException when the body is not a JSON object
     */
    public static Event parse(String id, String routingKey, byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage().startsWith("Trailing token")) {
                throw new MalformedEventException("body holds more after its JSON object", e);
            }
            throw new MalformedEventException("body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (StreamReadException e) {
            if (e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new MalformedEventException("field " + e.getOriginalMessage().substring("Duplicate field ".length())
                        + " is given twice", e);
            }
            throw new MalformedEventException("body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException("body cannot be read: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventException("body is not a JSON object");
        }
        return new Event(id, routingKey, tree);
    }

    public String id() {
        return id;
    }

    public String routingKey() {
        return routingKey;
    }

    /** Whether the field is present and not JSON {@code null}. */
    public boolean has(String path) {
        return find(path) != null;
    }

    /** The field as text; numbers and booleans are given in their JSON spelling. */
    public String text(String path) {
        JsonNode node = find(path);
        if (node == null) {
            return null;
        }
        if (!node.isValueNode()) {
            throw wrongType(path, "a string", node);
        }
        return node.asText();
    }

    public String requiredText(String path) {
        return required(path, text(path));
    }

    /** The field as an {@code int}; it must be a whole JSON number within range. */
    public Integer integer(String path) {
        JsonNode node = find(path);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(path, "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE, node);
        }
        return node.intValue();
    }

    public int requiredInteger(String path) {
        return required(path, integer(path));
    }

    /** The field as a {@code long}; it must be a whole JSON number within range. */
    public Long longInteger(String path) {
        JsonNode node = find(path);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(path, "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, node);
        }
        return node.longValue();
    }

    public long requiredLongInteger(String path) {
        return required(path, longInteger(path));
    }

    /** The field as an exact decimal; a JSON number or a string holding one. */
    public BigDecimal decimal(String path) {
        JsonNode node = find(path);
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw wrongType(path, "a decimal number", node);
            }
        }
        throw wrongType(path, "a decimal number", node);
    }

    public BigDecimal requiredDecimal(String path) {
        return required(path, decimal(path));
    }

    public Boolean bool(String path) {
        JsonNode node = find(path);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(path, "true or false", node);
        }
        return node.booleanValue();
    }

    public boolean requiredBool(String path) {
        return required(path, bool(path));
    }

    /**
     * The field as a date: an ISO-8601 date ({@code 2024-05-01}), or the local date of an ISO-8601
     * date-time ({@code 2024-05-01T09:30:00Z}, {@code 2024-05-01T09:30:00}).
     */
    public LocalDate date(String path) {
        String text = text(path);
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.strip(),
                    OffsetDateTime::from, LocalDateTime::from);
            return LocalDate.from(parsed);
        } catch (DateTimeException e) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeException notADate) {
                throw new MalformedEventException("field '" + path + "' must be an ISO-8601 date or date-time, found '"
                        + text + "'");
            }
        }
    }

    public LocalDate requiredDate(String path) {
        return required(path, date(path));
    }

    @Override
    public String toString() {
        return "Event[" + id + " " + routingKey + " " + body + "]";
    }

    private JsonNode find(String path) {
        JsonNode node = body;
        int start = 0;
        while (node != null) {
            int dot = path.indexOf('.', start);
            String name = dot < 0 ? path.substring(start) : path.substring(start, dot);
            if (!node.isObject()) {
                throw wrongType(path.substring(0, start - 1), "an object", node);
            }
            node = node.get(name);
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return node == null || node.isNull() ? null : node;
    }

    private static <T> T required(String path, T value) {
        if (value == null) {
            throw new MalformedEventException("required field '" + path + "' is missing");
        }
        return value;
    }

    private static MalformedEventException wrongType(String path, String expected, JsonNode found) {
        String kind = found.getNodeType().name().toLowerCase(Locale.ROOT);
        return new MalformedEventException("field '" + path + "' must be " + expected + ", found " + kind + " " + found);
    }
}
