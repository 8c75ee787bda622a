package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
}
