package dev.ess.runtime.e2e;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.Event;
import dev.ess.runtime.SoapConnector;
import jakarta.xml.ws.WebServiceFeature;
import java.net.MalformedURLException;
import java.util.Map;

/**
 * A {@link PermitConnector} that a child JVM finds with ServiceLoader: its id and the partner's
 * WSDL come from {@code ESS_TEST_CONNECTOR_ID} and {@code ESS_TEST_PARTNER_WSDL}, its
 * parallelism, max_retry and heartbeat from {@code ESS_TEST_PARALLELISM}, {@code ESS_TEST_MAX_RETRY}
 * and {@code ESS_TEST_HEARTBEAT_SEC}, and its topic from {@code ESS_TEST_TOPIC} (by default one of
 * its own).
 */
public final class EnvironmentPermitConnector implements SoapConnector<PermitPort, PermitConnector.Permit, String> {

    private final PermitConnector delegate;

    public EnvironmentPermitConnector() throws MalformedURLException {
        Map<String, String> environment = System.getenv();
        String id = environment.getOrDefault("ESS_TEST_CONNECTOR_ID", "process-test");
        ConnectorSpec spec = builder(id,
                Integer.parseInt(environment.getOrDefault("ESS_TEST_PARALLELISM", "1")),
                Integer.parseInt(environment.getOrDefault("ESS_TEST_MAX_RETRY", "5")))
                .listenTopic(environment.getOrDefault("ESS_TEST_TOPIC", topic(id)))
                .heartbeatSec(Integer.parseInt(environment.getOrDefault("ESS_TEST_HEARTBEAT_SEC",
                        String.valueOf(ConnectorSpec.DEFAULT_HEARTBEAT_SEC))))
                .build();
        delegate = new PermitConnector(spec, environment.getOrDefault("ESS_TEST_PARTNER_WSDL", "http://127.0.0.1:1/?wsdl"));
    }

    /** The connector's topic: one of its own, as the bus is shared with other tests. */
    static String topic(String id) {
        return "permits.changed." + id;
    }

    /** The connector's settings, as the child process will have them. */
    static ConnectorSpec spec(String id, int parallelism, int maxRetry) {
        return builder(id, parallelism, maxRetry).build();
    }

    private static ConnectorSpec.Builder builder(String id, int parallelism, int maxRetry) {
        return ConnectorSpec.builder(id)
                .listenTopic(topic(id))
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .parallelism(parallelism)
                .maxRetry(maxRetry);
    }

    @Override
    public ConnectorSpec spec() {
        return delegate.spec();
    }

    @Override
    public PermitPort createPort(WebServiceFeature... features) {
        return delegate.createPort(features);
    }

    @Override
    public PermitConnector.Permit map(Event event) {
        return delegate.map(event);
    }

    @Override
    public String send(PermitPort port, PermitConnector.Permit request) throws PermitRejected {
        return delegate.send(port, request);
    }
}
