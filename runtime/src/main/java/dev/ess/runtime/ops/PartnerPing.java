package dev.ess.runtime.ops;

import dev.ess.runtime.Redaction;
import dev.ess.runtime.Urls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the partner's {@code ping_url} and remembers whether it answered: any 2xx status within
 * the timeout is an answer; a refused connection, a timeout or another status is not.
 */
final class PartnerPing {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerPing.class);

    private final URI url;
    /** The URL for the log, without the key its query may hold. */
    private final String shown;
    private final Redaction redaction;
    private final Duration timeout;
    private final HttpClient client;
    private volatile Boolean lastAnswer;

    PartnerPing(URI url, Duration timeout) {
        this.url = url;
        this.shown = Urls.shown(url.toString());
        this.redaction = Redaction.of(url.toString());
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    URI url() {
        return url;
    }

    /** Pings the partner once and returns whether it answered. */
    boolean ping() {
        boolean answered;
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            answered = response.statusCode() / 100 == 2;
            if (!answered) {
                LOG.debug("ping {} answered HTTP {}", shown, response.statusCode());
            }
        } catch (IOException e) {
            LOG.debug("ping {} failed: {}", shown, redaction.scrub(e.toString()));
            answered = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answered = false;
        }
        Boolean previous = lastAnswer;
        if (previous != null && previous != answered) {
            LOG.info("partner ping {} {}", shown, answered ? "answers again" : "no longer answers");
        }
        lastAnswer = answered;
        return answered;
    }

    /** Whether the last ping was answered; {@code null} before the first. */
    Boolean lastAnswer() {
        return lastAnswer;
    }
}
