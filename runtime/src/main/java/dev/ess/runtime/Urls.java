package dev.ess.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The URLs a connector is configured with: parsed strictly, so that one that does not parse stops
 * the start instead of reaching some other host, and shown without password or query, whether
 * they parse or not.
 */
public final class Urls {

    private static final String HIDDEN = "***";

    private Urls() {}

    /**
     * The URL fit for a log, a message or a page: its password (or a user part without one, which
     * may be a token) and its query replaced by {@code ***}. It works on any text, a URL that does
     * not parse included: the user part is taken to end at the last {@code @}, since a password
     * may hold an unencoded {@code /}, {@code ?}, {@code #} or {@code @}.
     */
    public static String shown(String url) {
        if (url == null) {
            return null;
        }
        int schemeEnd = url.indexOf("://");
        int authority = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int at = url.lastIndexOf('@');
        StringBuilder shown = new StringBuilder(url.substring(0, authority));
        int rest = authority;
        if (at >= authority) {
            int colon = url.indexOf(':', authority);
            shown.append(colon >= 0 && colon < at ? url.substring(authority, colon + 1) : "").append(HIDDEN).append('@');
            rest = at + 1;
        }
        String tail = url.substring(rest);
        int query = indexOfQueryOrFragment(tail);
        return shown.append(query < 0 ? tail : tail.substring(0, query) + "?" + HIDDEN).toString();
    }

    /**
     * Parses an absolute URL with a host, such as {@code amqp://user:pass@rabbit:5672/vhost}.
     *
     * @param schemes the schemes allowed, in lower case
     * @throws IllegalArgumentException saying what is wrong, showing the URL as {@link #shown} does
     */
    public static URI parse(String url, List<String> schemes) {
        String lowerCase = url.toLowerCase(Locale.ROOT);
        if (schemes.stream().noneMatch(scheme -> lowerCase.startsWith(scheme + "://"))) {
            throw invalid(url, "it must start with "
                    + schemes.stream().map(scheme -> scheme + "://").collect(Collectors.joining(" or ")));
        }
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(url, lowerFirst(e.getReason()));
        }
        if (parsed.getRawAuthority() == null) {
            throw invalid(url, "it names no host");
        }
        if (parsed.getHost() == null) {
            throw invalid(url, whyNoHost(parsed.getRawAuthority()));
        }
        if (parsed.getPort() == 0 || parsed.getPort() > 65_535) {
            throw invalid(url, "the port " + parsed.getPort() + " is not between 1 and 65535");
        }
        return parsed;
    }

    /**
     * Why {@link URI} read an authority as no host and port: it says so only by leaving the host
     * out. Everything after the last {@code @} may be shown, as {@link #shown} shows it too.
     */
    private static String whyNoHost(String authority) {
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostAndPort.startsWith("[")) {
            return "the IPv6 address '" + hostAndPort + "' is malformed";
        }
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        String port = colon < 0 ? "" : hostAndPort.substring(colon + 1);
        if (host.isEmpty()) {
            return "it names no host";
        }
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "the port '" + port + "' is not a number";
        }
        if (!host.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.'))) {
            return "the host name '" + host + "' may hold only letters, digits, '-' and '.'";
        }
        return "the user or password holds a character that must be percent-encoded, such as '@' (%40), ':' (%3A)"
                + " or '/' (%2F)";
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("'" + shown(url) + "' is not a valid URL: " + why);
    }

    private static int indexOfQueryOrFragment(String text) {
        int query = text.indexOf('?');
        int fragment = text.indexOf('#');
        return query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
