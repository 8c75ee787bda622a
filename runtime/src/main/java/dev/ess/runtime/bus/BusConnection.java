package dev.ess.runtime.bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import dev.ess.runtime.Redaction;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.Urls;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to the AMQP bus that recovers by itself: after a network failure or a broker
 * restart, amqp-client reconnects every {@link #RECOVERY_INTERVAL} and re-declares queues,
 * bindings and consumers. Acks of deliveries from before the loss are dropped by the recovered
 * channel; the broker delivers those messages again, and the journal recognises them.
 */
public final class BusConnection implements AutoCloseable {

    /** The pause between two attempts to reconnect. */
    public static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(2);
    /** AMQP heartbeats, so that a silent network failure is noticed within about two of them. */
    private static final int HEARTBEAT_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(BusConnection.class);

    private final Connection connection;
    private final String displayUri;
    /** Why the connection was lost, while it is; {@code null} while it is open. */
    private volatile String failure;

    private BusConnection(Connection connection, String displayUri) {
        this.connection = connection;
        this.displayUri = displayUri;
        connection.addShutdownListener(signal -> {
            if (!signal.isInitiatedByApplication()) {
                failure = signal.getMessage();
                LOG.warn("{}: the bus connection is lost, reconnecting every {} s: {}", displayUri,
                        RECOVERY_INTERVAL.toSeconds(), failure);
            }
        });
        if (connection instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    failure = null;
                    LOG.info("{}: the bus connection is back", displayUri);
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {}
            });
        }
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
        factory.setNetworkRecoveryInterval(RECOVERY_INTERVAL.toMillis());
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
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

    /** Why the connection was lost, or {@code null} while it is open or after {@link #close()}. */
    public String failure() {
        return connection.isOpen() ? null : failure;
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
