package dev.ess.runtime.bus;

import com.rabbitmq.client.AMQP;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The stable id of an event: the publisher's message id, else a hash of the body. */
public final class EventIds {

    public static String of(AMQP.BasicProperties properties, byte[] body) {
        String messageId = properties == null ? null : properties.getMessageId();
        if (messageId != null && !messageId.isBlank()) {
            return messageId;
        }
        return sha256Hex(body);
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private EventIds() {}
}
