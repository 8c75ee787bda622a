package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ess.broker.EmbeddedBroker;

/**
 * The brokers the ops tests run on: always the embedded one; RabbitMQ when
 * {@code ESS_IT_BUS_URL} names one, else those cases are skipped.
 */
enum Brokers {
    EMBEDDED {
        @Override
        String uri() {
            synchronized (Brokers.class) {
                if (embedded == null) {
                    embedded = EmbeddedBroker.start();
                }
                return embedded.amqpUri();
            }
        }
    },
    RABBITMQ {
        @Override
        String uri() {
            String uri = System.getenv("ESS_IT_BUS_URL");
            assumeTrue(uri != null && !uri.isBlank(),
                    "ESS_IT_BUS_URL is not set (e.g. amqp://guest:guest@127.0.0.1:5672/): skipping RabbitMQ");
            return uri;
        }
    };

    private static EmbeddedBroker embedded;

    /** The AMQP URI to use; skips the calling test when this broker is not available. */
    abstract String uri();

    static synchronized void stopEmbedded() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
