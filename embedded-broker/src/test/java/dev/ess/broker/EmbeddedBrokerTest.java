package dev.ess.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    @Test
    void routesAConfirmedPublishToAManuallyAckedConsumer() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            assertTrue(broker.port() > 0, "bound port");
            assertEquals("amqp://guest:guest@127.0.0.1:" + broker.port() + "/default", broker.amqpUri());

            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.amqpUri());
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.exchangeDeclare("hms.events", BuiltinExchangeType.TOPIC, true);
                channel.queueDeclare("ess.test", true, false, false, null);
                channel.queueBind("ess.test", "hms.events", "permits.*");

                channel.confirmSelect();
                byte[] body = "{\"permit_id\":\"P-1\"}".getBytes(StandardCharsets.UTF_8);
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("m-1").deliveryMode(2).build();
                channel.basicPublish("hms.events", "permits.changed", props, body);
                channel.basicPublish("hms.events", "roads.closed", props, body);
                channel.waitForConfirmsOrDie(5_000);

                GetResponse response = channel.basicGet("ess.test", false);
                assertNotNull(response, "routed message");
                assertArrayEquals(body, response.getBody());
                assertEquals("m-1", response.getProps().getMessageId());
                assertEquals("permits.changed", response.getEnvelope().getRoutingKey());
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);

                assertNull(channel.basicGet("ess.test", false), "the unmatched key is not routed");
                assertEquals(0, channel.queueDeclarePassive("ess.test").getMessageCount());
            }
        }
    }

    @Test
    void acceptsTheUriWithTheDefaultVirtualHost() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri("amqp://guest:guest@127.0.0.1:" + broker.port());
            try (Connection connection = factory.newConnection()) {
                assertTrue(connection.isOpen());
            }
        }
    }

    @Test
    void failsLoudlyWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedBroker.start(taken.getLocalPort()));
            assertTrue(e.getMessage().contains("could not bind"), e.getMessage());
        }
    }

    @Test
    void startsOnAChosenPort() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(free)) {
            assertEquals(free, broker.port());
        }
    }
}
