package dev.ess.runtime.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static final byte[] BODY = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void prefersTheMessageId() {
        assertEquals("evt-1", EventIds.of(new AMQP.BasicProperties.Builder().messageId("evt-1").build(), BODY));
    }

    @Test
    void aMessageIdLongerThanTheJournalHoldsGoesByItsHash() {
        String longId = "x".repeat(201);
        String id = EventIds.of(new AMQP.BasicProperties.Builder().messageId(longId).build(), BODY);
        assertEquals("sha256:" + EventIds.sha256Hex(longId.getBytes(StandardCharsets.UTF_8)), id);
        assertEquals("y".repeat(200), EventIds.of(new AMQP.BasicProperties.Builder().messageId("y".repeat(200)).build(), BODY));
    }

    @Test
    void anEventKeptApartHasAnIdOfItsOwnThatFitsTheJournal() {
        String apart = EventIds.apart("evt-1", BODY);
        assertTrue(apart.matches("evt-1~[0-9a-f]{12}"), apart);
        assertEquals(apart, EventIds.apart("evt-1", BODY), "the same for the same body");
        assertNotEquals(apart, EventIds.apart("evt-1", "abd".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(200, EventIds.apart("z".repeat(200), BODY).length());
    }

    @Test
    void hashesTheBodyWithoutAMessageId() {
        assertEquals(SHA256_OF_ABC, EventIds.of(null, BODY));
        assertEquals(SHA256_OF_ABC, EventIds.of(new AMQP.BasicProperties.Builder().messageId(" ").build(), BODY));
    }
}
