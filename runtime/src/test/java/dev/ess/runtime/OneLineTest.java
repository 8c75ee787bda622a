package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void escapesWhatCouldStartOrHideALogLine() {
        assertEquals("evt-1\\n05:00:00 INFO forged", OneLine.of("evt-1\n05:00:00 INFO forged"));
        assertEquals("a\\r\\nb\\tc", OneLine.of("a\r\nb\tc"));
        assertEquals("a\\u2028b\\u2029c\\u0085d", OneLine.of("a\u2028b\u2029c\u0085d"));
        assertEquals("\\u001b[31mred\\u001b[0m", OneLine.of("\u001b[31mred\u001b[0m"), "terminal escapes");
        assertEquals("user \\u202egnp.exe", OneLine.of("user \u202egnp.exe"), "a right-to-left override");
    }

    @Test
    void leavesPlainTextAlone() {
        String plain = "P-42 Ünterstraße 7 \\n (a backslash and an n) 東京";
        assertSame(plain, OneLine.of(plain));
        assertNull(OneLine.of(null));
    }
}
