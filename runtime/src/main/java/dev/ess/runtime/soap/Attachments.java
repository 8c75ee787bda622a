package dev.ess.runtime.soap;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Binary data a connector sends as an attachment (MTOM), where the partner's schema asks for one. */
public final class Attachments {

    private Attachments() {}

    /** The bytes as an attachment of that MIME type. */
    public static DataHandler of(byte[] bytes, String contentType) {
        return new DataHandler(new Bytes(bytes, contentType));
    }

    private record Bytes(byte[] bytes, String contentType) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("an attachment ESS sends is read, never written");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return "attachment";
        }
    }
}
