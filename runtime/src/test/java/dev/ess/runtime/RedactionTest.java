package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactionTest {

    private final Redaction redaction = Redaction.of(
            "https://clerk:S3cret%2Fpw@dmv.example/soap?token=T0ken-42&v=2", null, "amqp://guest:guest@rabbit/");

    @Test
    void hidesTheConfiguredSecretsWhereverTheyAppear() {
        assertEquals("login as clerk with *** failed; token *** refused",
                redaction.scrub("login as clerk with S3cret/pw failed; token T0ken-42 refused"));
        assertEquals("encoded ***, raw ***", redaction.scrub("encoded S3cret%2Fpw, raw S3cret/pw"));
        assertEquals("HTTP status 502 (v=2)", redaction.scrub("HTTP status 502 (v=2)"), "short query values are no secrets");
    }

    @Test
    void hidesTheCredentialsOfAnyUrlInTheText() {
        assertEquals("cannot reach https://someone:***@other.example/x?*** (refused)",
                Redaction.NONE.scrub("cannot reach https://someone:else@other.example/x?key=abc (refused)"));
        assertEquals("no URL here", Redaction.NONE.scrub("no URL here"));
        assertNull(Redaction.NONE.scrub(null));
    }
}
