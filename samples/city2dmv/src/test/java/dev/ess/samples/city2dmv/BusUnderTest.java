package dev.ess.samples.city2dmv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ess.broker.EmbeddedBroker;

/**
 * The brokers the sample's end-to-end tests run on: always the embedded one; RabbitMQ when
 * {@code ESS_IT_BUS_URL} names one, else those cases are reported skipped.
 */
enum BusUnderTest {
    EMBEDDED {
        @Override
        String uri() {
            synchronized (BusUnderTest.class) {
                if (embedded == null) {
                    embedded = EmbeddedBroker.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
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
                    "ESS_IT_BUS_URL is not set (e.g. amqp://guest:guest@127.0.0.1:5672): skipping the RabbitMQ run");
            return uri;
        }
    };

    private static EmbeddedBroker embedded;

    /** The AMQP URI to use; skips the calling test when this broker is not available. */
    abstract String uri();
}
