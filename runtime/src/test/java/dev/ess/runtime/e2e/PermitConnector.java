package dev.ess.runtime.e2e;

import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.Event;
import dev.ess.runtime.SoapConnector;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceFeature;
import java.net.MalformedURLException;
import java.net.URL;
import javax.xml.namespace.QName;

/** What a generated connector looks like, written by hand against {@link PermitPort}. */
public final class PermitConnector implements SoapConnector<PermitPort, PermitConnector.Permit, String> {

    public record Permit(String eventId, String permitId, String street, Integer truckLimit) {}

    private final ConnectorSpec spec;
    private final URL wsdl;

    public PermitConnector(ConnectorSpec spec, String wsdlAddress) throws MalformedURLException {
        this.spec = spec;
        this.wsdl = new URL(wsdlAddress);
    }

    @Override
    public ConnectorSpec spec() {
        return spec;
    }

    @Override
    public PermitPort createPort(WebServiceFeature... features) {
        return Service.create(wsdl, new QName(PermitPort.NAMESPACE, "PermitService")).getPort(PermitPort.class, features);
    }

    @Override
    public Permit map(Event event) {
        return new Permit(event.id(), event.requiredText("permit_id"), event.text("street"), event.integer("truck_limit"));
    }

    @Override
    public String send(PermitPort port, Permit permit) throws PermitRejected {
        return port.submitPermit(permit.eventId(), permit.permitId(), permit.street(), permit.truckLimit());
    }
}
