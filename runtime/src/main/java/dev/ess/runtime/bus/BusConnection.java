package dev.ess.runtime.bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ess.runtime.Redaction;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.Urls;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;

/**
 * A connection to the AMQP bus that recovers by itself: after a network failure or a broker
 * restart, amqp-client reconnects and re-declares queues, bindings and consumers.
 */
public final class BusConnection implements AutoCloseable {

    private final Connection connection;
    private final String displayUri;

    private BusConnection(Connection connection, String displayUri) {
        this.connection = connection;
        this.displayUri = displayUri;
    }

    /**
     * Connects to the bus.
     *
     * @param uri an AMQP URI, e.g. {@code amqp://user:pass@host:5672/vhost}
     * @param connectionName how the connection shows in the broker's management tools
     * @throws BusException when the URI is invalid or the broker cannot be reached
     */
    public static BusConnection open(String uri, String connectionName) {
        String display = Urls.shown(uri);
        URI parsed;
        try {
            parsed = Urls.parse(uri, RuntimeConfig.BUS_SCHEMES);
        } catch (IllegalArgumentException e) {
            throw new BusException("invalid bus URI: " + e.getMessage(), e);
        }
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(parsed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Not chained: the cause's message may quote the whole URI, password and all.
            throw new BusException("invalid bus URI " + display + ": " + Redaction.of(uri).scrub(e.getMessage()));
        }
        if ("/".equals(parsed.getRawPath())) {
            // amqp-client reads a bare "/" as the empty virtual host, which RabbitMQ refuses;
            // users (and pika) mean the default one.
            factory.setVirtualHost("/");
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        try {
            return new BusConnection(factory.newConnection(connectionName), display);
        } catch (IOException | TimeoutException e) {
            throw new BusException("cannot connect to the bus at " + display + ": " + describe(e), e);
        }
    }

    public Channel openChannel() throws IOException {
        return connection.createChannel();
    }

    /** The bus URI without its password. */
    public String displayUri() {
        return displayUri;
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (connection.isOpen()) {
            connection.close();
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
