package dev.ess.runtime.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void hashesTheBodyWithoutAMessageId() {
        assertEquals(SHA256_OF_ABC, EventIds.of(null, BODY));
        assertEquals(SHA256_OF_ABC, EventIds.of(new AMQP.BasicProperties.Builder().messageId(" ").build(), BODY));
    }
}
