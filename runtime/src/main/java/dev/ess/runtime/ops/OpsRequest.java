package dev.ess.runtime.ops;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request to {@link OpsHttp}: method, path without the query, headers by lower-case name (the
 * first of a name counts).
 */
record OpsRequest(String method, String path, Map<String, String> headers) {

    static final int MAX_HEAD_BYTES = 8 * 1024;

    /**
     * Reads a request's head, up to its empty line; a body is never read.
     *
     * @throws Refused when the head is malformed or too long
     * @throws IOException when the client goes away first
     */
    static OpsRequest read(InputStream in) throws IOException, Refused {
        StringBuilder line = new StringBuilder();
        String requestLine = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int read = 0; ; read++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed the connection");
            }
            if (read >= MAX_HEAD_BYTES) {
                throw new Refused(431, "the request head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            String text = line.toString().strip();
            line.setLength(0);
            if (requestLine == null) {
                requestLine = text.isEmpty() ? null : text;
            } else if (text.isEmpty()) {
                break;
            } else {
                int colon = text.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(text.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            text.substring(colon + 1).strip());
                }
            }
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[1].startsWith("/") || !parts[2].startsWith("HTTP/1.")) {
            throw new Refused(400, "malformed request line");
        }
        int query = parts[1].indexOf('?');
        return new OpsRequest(parts[0], query < 0 ? parts[1] : parts[1].substring(0, query), headers);
    }

    /** A request the server will not serve, with the status that says why. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
