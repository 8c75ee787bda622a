package dev.ess.runtime.soap;

import com.sun.xml.ws.developer.JAXWSProperties;
import com.sun.xml.ws.developer.SchemaValidationFeature;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceFeature;
import java.time.Duration;
import java.util.Map;

/** Creates ports with the features ESS needs, points them at the partner and bounds how long a call may take. */
public final class SoapPorts {

    /**
     * The features every port of a connector is created with: each outgoing request is checked
     * against the partner's schema from its WSDL (not the answers: reading them is the partner's
     * business), so a request the partner must refuse is never sent.
     */
    public static WebServiceFeature[] features() {
        return new WebServiceFeature[] {new SchemaValidationFeature(false, true, SchemaCheck.class)};
    }

    /**
     * Sets the endpoint address and the connect and request timeouts of a port. Call it once,
     * before the port is shared between threads.
     *
     * @throws IllegalArgumentException when the object is not a JAX-WS port proxy
     */
    public static <P> P configure(P port, String endpoint, Duration connectTimeout, Duration requestTimeout) {
        if (!(port instanceof BindingProvider provider)) {
            throw new IllegalArgumentException("not a JAX-WS port (no BindingProvider): "
                    + (port == null ? "null" : port.getClass().getName()));
        }
        Map<String, Object> context = provider.getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint);
        context.put(JAXWSProperties.CONNECT_TIMEOUT, Math.toIntExact(connectTimeout.toMillis()));
        context.put(JAXWSProperties.REQUEST_TIMEOUT, Math.toIntExact(requestTimeout.toMillis()));
        return port;
    }

    private SoapPorts() {}
}
