package dev.ess.runtime.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Where the ops endpoints and the dashboard listen, and whom they answer.
 *
 * @param address the address to listen on: the loopback address unless {@value #ESS_HTTP_ADDRESS}
 *     names another, such as {@code 0.0.0.0} for every interface
 * @param port the port, 0 for any free one
 * @param token the bearer token every request must present, from {@value #ESS_HTTP_TOKEN}; {@code null}
 *     to answer anyone who can connect
 */
public record HttpOptions(InetAddress address, int port, String token) {

    public static final String ESS_HTTP_ADDRESS = "ESS_HTTP_ADDRESS";
    public static final String ESS_HTTP_TOKEN = "ESS_HTTP_TOKEN";
    /** A shorter token can be guessed by a client that tries many. */
    static final int MIN_TOKEN_LENGTH = 16;

    public HttpOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the HTTP port must be from 0 to 65535, got " + port);
        }
        if (token != null && (token.isBlank() || token.length() < MIN_TOKEN_LENGTH
                || token.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
            throw new IllegalArgumentException(ESS_HTTP_TOKEN + " must be at least " + MIN_TOKEN_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }

    /** Listening on the loopback address only, without a token: for tests and for one machine. */
    public static HttpOptions loopback(int port) {
        return new HttpOptions(InetAddress.getLoopbackAddress(), port, null);
    }

    /**
     * Reads {@value #ESS_HTTP_ADDRESS} and {@value #ESS_HTTP_TOKEN}. The token is read from the
     * environment only, never from the command line, where other users of the machine could see it.
     *
     * @throws IllegalArgumentException when the address cannot be resolved or the token is too short
     */
    public static HttpOptions from(Map<String, String> environment, int port) {
        String address = environment.get(ESS_HTTP_ADDRESS);
        String token = environment.get(ESS_HTTP_TOKEN);
        return new HttpOptions(address == null || address.isBlank() ? InetAddress.getLoopbackAddress() : parse(address.trim()),
                port, token == null || token.isEmpty() ? null : token);
    }

    /** Whether only this machine can connect. */
    public boolean loopbackOnly() {
        return address.isLoopbackAddress();
    }

    private static InetAddress parse(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ESS_HTTP_ADDRESS + " '" + address + "' is not an address of this machine"
                    + " (e.g. 127.0.0.1, 0.0.0.0 or ::)");
        }
    }

    @Override
    public String toString() {
        // Never the token.
        return "HttpOptions[" + address.getHostAddress() + ":" + port + (token == null ? "" : ", token set") + "]";
    }
}
