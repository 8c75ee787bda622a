package dev.ess.runtime.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ess.broker.EmbeddedBroker;

/**
 * The brokers end-to-end tests run on, in this module and in the samples (through the runtime's
 * test jar): always the embedded one; RabbitMQ when {@code ESS_IT_BUS_URL} names one, else those
 * cases are skipped with the reason.
 */
public enum BusUnderTest {
    EMBEDDED {
        @Override
        public String uri() {
            synchronized (BusUnderTest.class) {
                if (embedded == null) {
                    embedded = EmbeddedBroker.start();
                }
                return embedded.amqpUri();
            }
        }
    },
    RABBITMQ {
        @Override
        public String uri() {
            String uri = System.getenv("ESS_IT_BUS_URL");
            assumeTrue(uri != null && !uri.isBlank(),
                    "ESS_IT_BUS_URL is not set (e.g. amqp://guest:guest@127.0.0.1:5672/): skipping RabbitMQ");
            return uri;
        }
    };

    private static EmbeddedBroker embedded;

    /** The AMQP URI to use; skips the calling test when this broker is not available. */
    public abstract String uri();

    public static synchronized void stopEmbedded() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
