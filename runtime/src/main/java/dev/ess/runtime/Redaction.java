package dev.ess.runtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text that ESS did not write itself, such as a library's exception
 * message, before it reaches a log, the store, a dead-letter header or a page: the passwords and
 * query values of the URLs a connector was configured with, wherever they appear, and the password
 * and query of any URL in the text.
 */
public final class Redaction {

    /** Knows no configured URL; still hides the credentials of URLs in the text. */
    public static final Redaction NONE = new Redaction(List.of());

    /** Shorter query values ({@code ?v=2}) are not secrets, and hiding them would garble messages. */
    private static final int MIN_QUERY_SECRET = 4;
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>]+");

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redaction of the secrets in these URLs; {@code null}s are skipped. */
    public static Redaction of(String... urls) {
        Set<String> secrets = new LinkedHashSet<>();
        for (String url : urls) {
            if (url != null) {
                collectSecrets(url, secrets);
            }
        }
        // Longest first, so that a secret holding a shorter one is hidden whole.
        return new Redaction(secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** The text with every secret replaced by {@code ***}. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, "***");
        }
        Matcher url = URL.matcher(scrubbed);
        StringBuilder shown = new StringBuilder(scrubbed.length());
        while (url.find()) {
            url.appendReplacement(shown, Matcher.quoteReplacement(Urls.shown(url.group())));
        }
        return url.appendTail(shown).toString();
    }

    private static void collectSecrets(String url, Set<String> secrets) {
        int schemeEnd = url.indexOf("://");
        int authority = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int at = url.lastIndexOf('@');
        if (at > authority) {
            String userInfo = url.substring(authority, at);
            int colon = userInfo.indexOf(':');
            addRawAndDecoded(colon < 0 ? userInfo : userInfo.substring(colon + 1), 1, secrets);
        }
        int query = url.indexOf('?', Math.max(at, authority));
        if (query < 0) {
            return;
        }
        for (String parameter : url.substring(query + 1).split("[&;#]")) {
            int equals = parameter.indexOf('=');
            if (equals >= 0) {
                addRawAndDecoded(parameter.substring(equals + 1), MIN_QUERY_SECRET, secrets);
            }
        }
    }

    private static void addRawAndDecoded(String secret, int minLength, Set<String> secrets) {
        if (secret.length() < minLength) {
            return;
        }
        secrets.add(secret);
        try {
            secrets.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // Not percent-encoded as it should be: the raw form is the only one there is.
        }
    }
}
