package dev.ess.runtime.bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
        String display = redact(uri);
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
            if ("/".equals(new URI(uri).getRawPath())) {
                // amqp-client reads a bare "/" as the empty virtual host, which RabbitMQ refuses;
                // users (and pika) mean the default one.
                factory.setVirtualHost("/");
            }
        } catch (URISyntaxException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new BusException("invalid bus URI " + display + ": " + e.getMessage(), e);
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

    /** The URI with any password replaced by {@code ***}. */
    public static String redact(String uri) {
        try {
            URI parsed = new URI(uri);
            String userInfo = parsed.getRawUserInfo();
            if (userInfo == null || !userInfo.contains(":")) {
                return uri;
            }
            String user = userInfo.substring(0, userInfo.indexOf(':'));
            return uri.replace(userInfo + "@", user + ":***@");
        } catch (URISyntaxException e) {
            return "(unparsable URI)";
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
