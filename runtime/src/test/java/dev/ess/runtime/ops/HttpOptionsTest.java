package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpOptionsTest {

    @Test
    void listensOnLoopbackWithoutATokenByDefault() {
        HttpOptions options = HttpOptions.from(Map.of(), 9464);
        assertTrue(options.loopbackOnly());
        assertEquals(9464, options.port());
        assertNull(options.token());
    }

    @Test
    void readsTheAddressAndTheTokenFromTheEnvironment() {
        HttpOptions options = HttpOptions.from(Map.of("ESS_HTTP_ADDRESS", "0.0.0.0", "ESS_HTTP_TOKEN", "s3cret-token-0123456789"), 0);
        assertFalse(options.loopbackOnly());
        assertEquals("s3cret-token-0123456789", options.token());
        assertEquals("HttpOptions[0.0.0.0:0, token set]", options.toString(), "the token never shows");
    }

    @Test
    void refusesAGuessableTokenAndAnUnknownAddress() {
        IllegalArgumentException shortToken = assertThrows(IllegalArgumentException.class,
                () -> HttpOptions.from(Map.of("ESS_HTTP_TOKEN", "secret"), 0));
        assertEquals("ESS_HTTP_TOKEN must be at least 16 printable ASCII characters without spaces", shortToken.getMessage());
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
                () -> HttpOptions.from(Map.of("ESS_HTTP_ADDRESS", "no-such-host.invalid"), 0));
        assertEquals("ESS_HTTP_ADDRESS 'no-such-host.invalid' is not an address of this machine (e.g. 127.0.0.1, 0.0.0.0 or ::)",
                address.getMessage());
    }
}
