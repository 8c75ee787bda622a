package dev.ess.runtime.e2e;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.Event;
import dev.ess.runtime.SoapConnector;
import java.net.MalformedURLException;

/**
 * A {@link PermitConnector} that a child JVM finds with ServiceLoader: its id and the partner's
 * WSDL come from {@code ESS_TEST_CONNECTOR_ID} and {@code ESS_TEST_PARTNER_WSDL}.
 */
public final class EnvironmentPermitConnector implements SoapConnector<PermitPort, PermitConnector.Permit, String> {

    private final PermitConnector delegate;

    public EnvironmentPermitConnector() throws MalformedURLException {
        String id = System.getenv().getOrDefault("ESS_TEST_CONNECTOR_ID", "process-test");
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic("permits.changed")
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .build();
        delegate = new PermitConnector(spec, System.getenv().getOrDefault("ESS_TEST_PARTNER_WSDL", "http://127.0.0.1:1/?wsdl"));
    }

    @Override
    public ConnectorSpec spec() {
        return delegate.spec();
    }

    @Override
    public PermitPort createPort() {
        return delegate.createPort();
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
