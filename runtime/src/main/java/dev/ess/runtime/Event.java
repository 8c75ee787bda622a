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
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One event from the bus: a stable id and a JSON object body.
 *
 * <p>Generated mappings read fields through the typed accessors below. A dotted path
 * ({@code owner.name}) walks nested objects. The optional accessors return {@code null} for a
 * field that is absent or JSON {@code null}; the {@code required} ones throw
 * {@link MalformedEventException}. A field of the wrong type always throws, and so does text
 * holding a character XML cannot carry.
 *
 * <p>A JSON array is read whole: {@link #items} gives its objects, each read like an event, and
 * {@link #texts}, {@link #integers} and the like give its values. Each takes the number of entries
 * the partner accepts; an array with fewer or more makes the event malformed.
 */
public final class Event {

    /** No upper bound on the entries of an array. */
    public static final int UNBOUNDED = -1;

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
    /** Where this object sits in the event, for messages: empty for the event, {@code items[2].} for an entry. */
    private final String prefix;

    private Event(String id, String routingKey, JsonNode body, String prefix) {
        this.id = Objects.requireNonNull(id, "id");
        this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
        this.body = body;
        this.prefix = prefix;
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
        return new Event(id, routingKey, tree, "");
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
        return read(path, EventValues::text);
    }

    public String requiredText(String path) {
        return required(path, text(path));
    }

    /** The field as an {@code int}; it must be a whole JSON number within range. */
    public Integer integer(String path) {
        return read(path, EventValues::integer);
    }

    public int requiredInteger(String path) {
        return required(path, integer(path));
    }

    /** The field as a {@code long}; it must be a whole JSON number within range. */
    public Long longInteger(String path) {
        return read(path, EventValues::longInteger);
    }

    public long requiredLongInteger(String path) {
        return required(path, longInteger(path));
    }

    /** The field as a {@code short}; it must be a whole JSON number within range. */
    public Short shortInteger(String path) {
        return read(path, EventValues::shortInteger);
    }

    public short requiredShortInteger(String path) {
        return required(path, shortInteger(path));
    }

    /** The field as a {@code byte}; it must be a whole JSON number within range. */
    public Byte byteInteger(String path) {
        return read(path, EventValues::byteInteger);
    }

    public byte requiredByteInteger(String path) {
        return required(path, byteInteger(path));
    }

    /** The field as a whole number of any size: a whole JSON number, or a string holding one. */
    public BigInteger bigInteger(String path) {
        return read(path, EventValues::bigInteger);
    }

    public BigInteger requiredBigInteger(String path) {
        return required(path, bigInteger(path));
    }

    /** The field as an exact decimal; a JSON number or a string holding one. */
    public BigDecimal decimal(String path) {
        return read(path, EventValues::decimal);
    }

    public BigDecimal requiredDecimal(String path) {
        return required(path, decimal(path));
    }

    /** The field as a {@code double}; a JSON number. */
    public Double doubleNumber(String path) {
        return read(path, EventValues::doubleNumber);
    }

    public double requiredDoubleNumber(String path) {
        return required(path, doubleNumber(path));
    }

    /** The field as a {@code float}; a JSON number. */
    public Float floatNumber(String path) {
        return read(path, EventValues::floatNumber);
    }

    public float requiredFloatNumber(String path) {
        return required(path, floatNumber(path));
    }

    public Boolean bool(String path) {
        return read(path, EventValues::bool);
    }

    public boolean requiredBool(String path) {
        return required(path, bool(path));
    }

    /**
     * The field as a date: an ISO-8601 date ({@code 2024-05-01}), or the local date of an ISO-8601
     * date-time ({@code 2024-05-01T09:30:00Z}, {@code 2024-05-01T09:30:00}).
     */
    public LocalDate date(String path) {
        return read(path, EventValues::date);
    }

    public LocalDate requiredDate(String path) {
        return required(path, date(path));
    }

    /**
     * The objects of an array field, each read like an event; an absent or {@code null} field is an
     * empty array.
     *
     * @param min the fewest entries the partner accepts
     * @param max the most it accepts, or {@link #UNBOUNDED}
     */
    public List<Event> items(String path, int min, int max) {
        return list(path, min, max, (node, where) -> {
            if (!node.isObject()) {
                throw EventValues.wrongType(where, "an object", node);
            }
            return new Event(id, routingKey, node, where + ".");
        });
    }

    public List<String> texts(String path, int min, int max) {
        return list(path, min, max, EventValues::text);
    }

    public List<Integer> integers(String path, int min, int max) {
        return list(path, min, max, EventValues::integer);
    }

    public List<Long> longIntegers(String path, int min, int max) {
        return list(path, min, max, EventValues::longInteger);
    }

    public List<Short> shortIntegers(String path, int min, int max) {
        return list(path, min, max, EventValues::shortInteger);
    }

    public List<Byte> byteIntegers(String path, int min, int max) {
        return list(path, min, max, EventValues::byteInteger);
    }

    public List<BigInteger> bigIntegers(String path, int min, int max) {
        return list(path, min, max, EventValues::bigInteger);
    }

    public List<BigDecimal> decimals(String path, int min, int max) {
        return list(path, min, max, EventValues::decimal);
    }

    public List<Double> doubleNumbers(String path, int min, int max) {
        return list(path, min, max, EventValues::doubleNumber);
    }

    public List<Float> floatNumbers(String path, int min, int max) {
        return list(path, min, max, EventValues::floatNumber);
    }

    public List<Boolean> bools(String path, int min, int max) {
        return list(path, min, max, EventValues::bool);
    }

    public List<LocalDate> dates(String path, int min, int max) {
        return list(path, min, max, EventValues::date);
    }

    @Override
    public String toString() {
        return "Event[" + id + " " + routingKey + " " + body + "]";
    }

    /** How one JSON value becomes one Java value; {@code where} names it in messages. */
    private interface Converter<T> {
        T convert(JsonNode node, String where);
    }

    private <T> T read(String path, Converter<T> converter) {
        JsonNode node = find(path);
        return node == null ? null : converter.convert(node, prefix + path);
    }

    private <T> List<T> list(String path, int min, int max, Converter<T> converter) {
        JsonNode node = find(path);
        String where = prefix + path;
        if (node != null && !node.isArray()) {
            throw EventValues.wrongType(where, "an array", node);
        }
        int size = node == null ? 0 : node.size();
        if (size < min || max != UNBOUNDED && size > max) {
            throw new MalformedEventException("field '" + where + "' holds " + size + (size == 1 ? " entry" : " entries")
                    + "; the partner takes " + (max == UNBOUNDED ? "at least " + min : min == max ? String.valueOf(min)
                            : min + " to " + max));
        }
        List<T> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JsonNode entry = node.get(i);
            String entryWhere = where + "[" + i + "]";
            if (entry.isNull()) {
                throw new MalformedEventException("field '" + entryWhere + "' is null");
            }
            values.add(converter.convert(entry, entryWhere));
        }
        return values;
    }

    private JsonNode find(String path) {
        JsonNode node = body;
        int start = 0;
        while (node != null) {
            int dot = path.indexOf('.', start);
            String name = dot < 0 ? path.substring(start) : path.substring(start, dot);
            if (!node.isObject()) {
                throw EventValues.wrongType(prefix + path.substring(0, start - 1), "an object", node);
            }
            node = node.get(name);
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return node == null || node.isNull() ? null : node;
    }

    private <T> T required(String path, T value) {
        if (value == null) {
            throw new MalformedEventException("required field '" + prefix + path + "' is missing");
        }
        return value;
    }

}
