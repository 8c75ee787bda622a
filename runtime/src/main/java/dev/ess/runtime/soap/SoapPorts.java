package dev.ess.runtime.soap;

import com.sun.xml.ws.developer.JAXWSProperties;
import jakarta.xml.ws.BindingProvider;
import java.time.Duration;
import java.util.Map;

/** Points a JAX-WS port at the partner and bounds how long a call may take. */
public final class SoapPorts {

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
