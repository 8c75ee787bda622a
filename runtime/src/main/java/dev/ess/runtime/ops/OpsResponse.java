package dev.ess.runtime.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of {@link OpsHttp}. Its {@code headers} add to, or replace, the ones every answer
 * carries: no caching, no sniffing, no framing, no referrer, and a content security policy that
 * allows nothing.
 */
record OpsResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OpsResponse text(int status, String contentType, String body) {
        return new OpsResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static OpsResponse plain(int status, String body) {
        return text(status, "text/plain; charset=utf-8", body + "\n");
    }

    static OpsResponse json(int status, Object body) {
        try {
            return text(status, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    OpsResponse with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new OpsResponse(status, contentType, body, all);
    }

    /** Writes the answer, its body only when {@code withBody} (not for a HEAD request). */
    void writeTo(OutputStream out, boolean withBody) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", contentType);
        all.put("Content-Length", String.valueOf(body.length));
        all.put("Cache-Control", "no-store");
        all.put("Connection", "close");
        all.put("X-Content-Type-Options", "nosniff");
        all.put("X-Frame-Options", "DENY");
        all.put("Referrer-Policy", "no-referrer");
        all.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        all.putAll(headers);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason()).append("\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(body);
        }
        out.flush();
    }

    private String reason() {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
