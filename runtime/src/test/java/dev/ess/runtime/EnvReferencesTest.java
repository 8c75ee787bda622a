package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReferencesTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "DMV_URL", "https://dmv.example/soap", "DMV_HOST", "dmv.example", "DMV_KEY", "s3cr$t\\1", "BLANK", " ");

    @Test
    void aWholeValueIsReplaced() {
        assertEquals("https://dmv.example/soap", EnvReferences.resolve("${env:DMV_URL}", ENVIRONMENT));
    }

    @Test
    void referencesInsideAValueAreReplacedLiterally() {
        assertEquals("https://dmv.example/health?api_key=s3cr$t\\1",
                EnvReferences.resolve("https://${env:DMV_HOST}/health?api_key=${env:DMV_KEY}", ENVIRONMENT));
    }

    @Test
    void aValueWithoutReferencesIsKept() {
        assertEquals("https://dmv.state.gov/soap/permits",
                EnvReferences.resolve("https://dmv.state.gov/soap/permits", ENVIRONMENT));
        assertNull(EnvReferences.resolve(null, ENVIRONMENT));
        assertFalse(EnvReferences.hasReferences("https://dmv.state.gov/soap/permits"));
        assertTrue(EnvReferences.hasReferences("https://${env:DMV_HOST}/soap"));
    }

    @Test
    void anUnsetOrBlankVariableIsNamed() {
        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                () -> EnvReferences.resolve("${env:COUNTY_URL}", ENVIRONMENT));
        assertEquals("COUNTY_URL is not set: the manifest's '${env:COUNTY_URL}' needs it in the connector's environment",
                unset.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnvReferences.resolve("${env:BLANK}", ENVIRONMENT));
    }
}
