package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {

    private static Event parse(String json) {
        return Event.parse("e1", "permits.changed", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTypedFieldsAndNestedPaths() {
        Event event = parse("""
                {"permit_id":"P-778","truck_limit":5,"weight":12345678901,"fee":"12.50","active":true,
                 "owner":{"name":"Ada","address":{"zip":10115}},"gone":null}""");
        assertEquals("e1", event.id());
        assertEquals("permits.changed", event.routingKey());
        assertEquals("P-778", event.requiredText("permit_id"));
        assertEquals(5, event.requiredInteger("truck_limit"));
        assertEquals(12345678901L, event.requiredLongInteger("weight"));
        assertEquals(new BigDecimal("12.50"), event.decimal("fee"));
        assertEquals(new BigDecimal("5"), event.decimal("truck_limit"));
        assertTrue(event.requiredBool("active"));
        assertEquals("Ada", event.text("owner.name"));
        assertEquals(10115, event.integer("owner.address.zip"));
        assertEquals("5", event.text("truck_limit"), "numbers read as text in their JSON spelling");
    }

    @Test
    void optionalAccessorsGiveNullForAbsentOrNullFields() {
        Event event = parse("{\"gone\":null,\"owner\":{}}");
        assertNull(event.text("missing"));
        assertNull(event.integer("gone"));
        assertNull(event.text("owner.name"));
        assertNull(event.text("nowhere.name"));
        assertFalse(event.has("gone"));
        assertFalse(event.has("missing"));
    }

    @Test
    void requiredAccessorsRejectMissingFields() {
        Event event = parse("{\"gone\":null}");
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> event.requiredText("gone"));
        assertEquals("required field 'gone' is missing", e.getMessage());
    }

    @Test
    void wrongTypesAreMalformedEvenWhenOptional() {
        Event event = parse("{\"limit\":\"five\",\"big\":3000000000,\"owner\":\"Ada\",\"street\":{\"a\":1}}");
        assertThrows(MalformedEventException.class, () -> event.integer("limit"));
        assertThrows(MalformedEventException.class, () -> event.integer("big"));
        assertThrows(MalformedEventException.class, () -> event.text("street"));
        assertThrows(MalformedEventException.class, () -> event.bool("limit"));
        assertThrows(MalformedEventException.class, () -> event.decimal("limit"));
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> event.text("owner.name"));
        assertTrue(e.getMessage().startsWith("field 'owner' must be an object"), e.getMessage());
    }

    @Test
    void rejectsBodiesThatAreNotJsonObjects() {
        assertThrows(MalformedEventException.class, () -> parse("not json"));
        assertThrows(MalformedEventException.class, () -> parse("[1,2]"));
        assertThrows(MalformedEventException.class, () -> parse(""));
    }

    /** What a lenient reader would guess at is malformed: which object, which of two values? */
    @Test
    void rejectsTrailingTextAndFieldsGivenTwice() {
        assertEquals("body holds more after its JSON object", assertThrows(MalformedEventException.class,
                () -> parse("{\"permit_id\":\"P-1\"} {\"permit_id\":\"P-2\"}")).getMessage());
        assertTrue(assertThrows(MalformedEventException.class, () -> parse("{\"permit_id\":\"P-1\"} trailing")).getMessage()
                .startsWith("body is not valid JSON: Unrecognized token 'trailing'"));
        assertEquals("field 'permit_id' is given twice", assertThrows(MalformedEventException.class,
                () -> parse("{\"permit_id\":\"P-1\",\"permit_id\":\"P-2\"}")).getMessage());
        assertEquals("field 'name' is given twice", assertThrows(MalformedEventException.class,
                () -> parse("{\"owner\":{\"name\":\"a\",\"name\":\"b\"}}")).getMessage());
        assertEquals("P-1", parse("{\"permit_id\":\"P-1\"}\n  ").text("permit_id"), "white space after it is no text");
    }

    @Test
    void arraysOfObjectsAreReadEntryByEntryWithTheirPlaceInMessages() {
        Event event = parse("""
                {"items":[{"sku":"A-1","qty":2},{"sku":"B-2"}],"tags":["x","y"],"sizes":[1,2,3]}""");

        List<Event> items = event.items("items", 1, Event.UNBOUNDED);
        assertEquals(2, items.size());
        assertEquals("A-1", items.get(0).requiredText("sku"));
        assertEquals(2, items.get(0).integer("qty"));
        assertNull(items.get(1).integer("qty"));
        MalformedEventException missing = assertThrows(MalformedEventException.class, () -> items.get(1).requiredInteger("qty"));
        assertEquals("required field 'items[1].qty' is missing", missing.getMessage());
        assertEquals(List.of("x", "y"), event.texts("tags", 0, 5));
        assertEquals(List.of(1, 2, 3), event.integers("sizes", 0, Event.UNBOUNDED));
        assertEquals(List.of(), event.items("absent", 0, 3));
    }

    @Test
    void anArrayOutsideThePartnersBoundsOrWithAWrongEntryIsMalformed() {
        Event event = parse("""
                {"tags":["x","y","z"],"sizes":[1,"two"],"holes":[1,null],"one":"x"}""");

        assertEquals("field 'tags' holds 3 entries; the partner takes 1 to 2",
                assertThrows(MalformedEventException.class, () -> event.texts("tags", 1, 2)).getMessage());
        assertEquals("field 'absent' holds 0 entries; the partner takes at least 1",
                assertThrows(MalformedEventException.class, () -> event.items("absent", 1, Event.UNBOUNDED)).getMessage());
        assertEquals("field 'sizes[1]' must be a whole number between -2147483648 and 2147483647, found string \"two\"",
                assertThrows(MalformedEventException.class, () -> event.integers("sizes", 0, 5)).getMessage());
        assertEquals("field 'holes[1]' is null",
                assertThrows(MalformedEventException.class, () -> event.integers("holes", 0, 5)).getMessage());
        assertEquals("field 'one' must be an array, found string \"x\"",
                assertThrows(MalformedEventException.class, () -> event.texts("one", 0, 5)).getMessage());
        assertEquals("field 'tags[0]' must be an object, found string \"x\"",
                assertThrows(MalformedEventException.class, () -> event.items("tags", 0, 5)).getMessage());
    }

    @Test
    void numbersOfEveryWidthAndTextXmlCannotCarry() {
        Event event = parse("""
                {"s":-300,"b":100,"big":123456789012345678901234567890,"bigText":"42","d":1.5,"f":2,
                 "tooBig":70000,"bell":"ring\\u0007"}""");

        assertEquals((short) -300, event.requiredShortInteger("s"));
        assertEquals((byte) 100, event.requiredByteInteger("b"));
        assertEquals(new BigInteger("123456789012345678901234567890"), event.bigInteger("big"));
        assertEquals(BigInteger.valueOf(42), event.bigInteger("bigText"));
        assertEquals(1.5, event.requiredDoubleNumber("d"));
        assertEquals(2f, event.requiredFloatNumber("f"));
        assertThrows(MalformedEventException.class, () -> event.shortInteger("tooBig"));
        assertThrows(MalformedEventException.class, () -> event.byteInteger("s"));
        assertEquals("field 'bell' holds U+0007 at position 5, a character XML cannot carry",
                assertThrows(MalformedEventException.class, () -> event.text("bell")).getMessage());
    }
}
