package dev.ess.runtime.ops;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.Event;
import dev.ess.runtime.SoapConnector;
import dev.ess.runtime.e2e.PermitConnector;
import dev.ess.runtime.e2e.PermitPort;
import dev.ess.runtime.e2e.PermitRejected;
import java.net.MalformedURLException;

/**
 * A permit connector beating every second, for a child JVM that finds it with ServiceLoader:
 * its id and the partner's WSDL come from {@code ESS_TEST_CONNECTOR_ID} and
 * {@code ESS_TEST_PARTNER_WSDL}.
 */
public final class HeartbeatingPermitConnector implements SoapConnector<PermitPort, PermitConnector.Permit, String> {

    private final PermitConnector delegate;

    public HeartbeatingPermitConnector() throws MalformedURLException {
        ConnectorSpec spec = ConnectorSpec.builder(System.getenv().getOrDefault("ESS_TEST_CONNECTOR_ID", "heartbeating"))
                .listenTopic("permits.changed")
                .targetUrl("http://manifest.invalid/permits")
                .fields("permit_id", "street", "truck_limit")
                .heartbeatSec(1)
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
