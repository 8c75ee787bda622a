package dev.ess.runtime.soap;

import com.sun.xml.ws.developer.JAXWSProperties;
import com.sun.xml.ws.developer.SchemaValidationFeature;
import dev.ess.runtime.OneLine;
import dev.ess.runtime.SoapConnector;
import jakarta.jws.soap.SOAPBinding;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.WebServiceFeature;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/** Creates ports with the features ESS needs, points them at the partner and bounds how long a call may take. */
public final class SoapPorts {

    private static final Logger LOG = LoggerFactory.getLogger(SoapPorts.class);

    /**
     * The features every port of a connector is created with: each outgoing request is checked
     * against the partner's schema from its WSDL (not the answers: reading them is the partner's
     * business), so a request the partner must refuse is never sent.
     */
    public static WebServiceFeature[] features() {
        return new WebServiceFeature[] {new SchemaValidationFeature(false, true, SchemaCheck.class)};
    }

    /**
     * A port of the connector's partner with {@link #features()}. JAX-WS checks document-style
     * bodies only, so an rpc/literal port is created without the check; and where JAX-WS cannot
     * read the partner's schema, the port is created without it too, with a warning, rather than
     * not at all.
     */
    public static <P> P create(SoapConnector<P, ?, ?> connector) {
        if (isRpc(connector)) {
            return connector.createPort();
        }
        try {
            return connector.createPort(features());
        } catch (WebServiceException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof SAXException)) {
                cause = cause.getCause();
            }
            if (!(cause instanceof SAXException)) {
                throw e;
            }
            LOG.warn("{}: requests go out without being checked against the partner's schema, which JAX-WS cannot read: {}",
                    connector.spec().id(), OneLine.of(String.valueOf(cause.getMessage())));
            return connector.createPort();
        }
    }

    /** Whether the connector's port type is bound rpc style, as wsimport marks it. */
    private static boolean isRpc(SoapConnector<?, ?, ?> connector) {
        for (Type type : connector.getClass().getGenericInterfaces()) {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == SoapConnector.class
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> portType) {
                SOAPBinding binding = portType.getAnnotation(SOAPBinding.class);
                return binding != null && binding.style() == SOAPBinding.Style.RPC;
            }
        }
        return false;
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
