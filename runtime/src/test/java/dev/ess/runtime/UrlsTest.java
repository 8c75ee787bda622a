package dev.ess.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

    /** Shown without password or query, whether the URL parses or not. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            amqp://guest:guest@127.0.0.1:5672/              | amqp://guest:***@127.0.0.1:5672/
            amqp://127.0.0.1                                | amqp://127.0.0.1
            amqp://clerk:S3cret@rabbit_host:5672/vh         | amqp://clerk:***@rabbit_host:5672/vh
            amqp://clerk:S3cret/with?odd#chars@rabbit/vh    | amqp://clerk:***@rabbit/vh
            amqp://clerk:S3c@ret@rabbit/vh                  | amqp://clerk:***@rabbit/vh
            https://T0ken-only@dmv.example/soap             | https://***@dmv.example/soap
            https://dmv.example/soap?token=T0ken&v=2        | https://dmv.example/soap?***
            https://dmv.example/soap#T0ken                  | https://dmv.example/soap?***
            clerk:S3cret@dmv.example                        | clerk:***@dmv.example
            jdbc:postgresql://db/ess?user=ess&password=S3cret | jdbc:postgresql://db/ess?***
            """)
    void showsNoSecret(String url, String shown) {
        assertEquals(shown, Urls.shown(url));
        assertFalse(Urls.shown(url).contains("S3c") || Urls.shown(url).contains("T0ken"));
    }

    @Test
    void parsesAWellFormedUrl() {
        assertEquals("rabbit.example", Urls.parse("amqps://clerk:S3cret@rabbit.example:5671/vh", List.of("amqp", "amqps")).getHost());
        assertEquals(8080, Urls.parse("http://[::1]:8080/soap", List.of("http")).getPort());
    }
}
