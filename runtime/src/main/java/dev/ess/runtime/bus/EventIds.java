package dev.ess.runtime.bus;

import com.rabbitmq.client.AMQP;
import dev.ess.runtime.store.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The stable id of an event: the publisher's message id, else a hash of the body. */
public final class EventIds {

    private static final String HASHED = "sha256:";
    private static final int APART_HASH_LENGTH = 12;

    /**
     * The event's id: the message id when the publisher set one, else the SHA-256 of the body. A
     * message id longer than the journal holds ({@value ReceivedEvent#MAX_ID_LENGTH} characters)
     * becomes {@code sha256:} and its own hash, so that it still names the event alone.
     */
    public static String of(AMQP.BasicProperties properties, byte[] body) {
        String messageId = properties == null ? null : properties.getMessageId();
        if (messageId == null || messageId.isBlank()) {
            return sha256Hex(body);
        }
        return messageId.length() <= ReceivedEvent.MAX_ID_LENGTH ? messageId
                : HASHED + sha256Hex(messageId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The id under which an event whose id came before with another body is kept apart:
     * {@code <id>~<12 hex digits>}, the same for the same id and body, the id cut short when the
     * whole would not fit the journal.
     */
    public static String apart(String eventId, byte[] body) {
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        byte[] idAndBody = new byte[id.length + 1 + body.length];
        System.arraycopy(id, 0, idAndBody, 0, id.length);
        System.arraycopy(body, 0, idAndBody, id.length + 1, body.length);
        String suffix = "~" + sha256Hex(idAndBody).substring(0, APART_HASH_LENGTH);
        int room = ReceivedEvent.MAX_ID_LENGTH - suffix.length();
        return (eventId.length() <= room ? eventId : eventId.substring(0, room)) + suffix;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private EventIds() {}
}
