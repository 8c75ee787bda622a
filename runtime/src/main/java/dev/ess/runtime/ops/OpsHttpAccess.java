package dev.ess.runtime.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Who {@link OpsHttp} answers: the holders of the token, if one is set, asking by a name it answers to. */
final class OpsHttpAccess {

    private final boolean loopbackOnly;
    private final byte[] tokenDigest;

    OpsHttpAccess(HttpOptions options) {
        this.loopbackOnly = options.loopbackOnly();
        this.tokenDigest = options.token() == null ? null : sha256(options.token());
    }

    /**
     * On the loopback address, only requests for a loopback name: a web page in a browser on this
     * machine could otherwise read the answers by pointing a name of its own at 127.0.0.1 (DNS
     * rebinding). A request without {@code Host} comes from no browser.
     */
    boolean hostAllowed(String host) {
        if (!loopbackOnly || host == null) {
            return true;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equalsIgnoreCase("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }

    /**
     * Without a token, everyone; with one, {@code Authorization: Bearer <token>}, or Basic with the
     * token as the password so that a browser can ask for it. Digests are compared, so the time
     * the comparison takes tells nothing of the token.
     */
    boolean authorized(String authorization) {
        if (tokenDigest == null) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        String presented = null;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                presented = credentials.substring(credentials.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return presented != null && MessageDigest.isEqual(sha256(presented), tokenDigest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
