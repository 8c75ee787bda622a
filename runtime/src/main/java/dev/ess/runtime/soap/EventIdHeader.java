package dev.ess.runtime.soap;

import com.sun.xml.ws.api.message.Headers;
import com.sun.xml.ws.developer.WSBindingProvider;
import javax.xml.namespace.QName;

/**
 * The SOAP header that carries the event id to the partner, so that a partner can recognise an
 * event it has seen before: {@code <ess:EventId xmlns:ess="urn:ess:delivery">...</ess:EventId>}.
 * It is not {@code mustUnderstand}: partners that do not know it ignore it.
 */
public final class EventIdHeader {

    public static final String NAMESPACE = "urn:ess:delivery";
    public static final QName NAME = new QName(NAMESPACE, "EventId", "ess");

    /**
     * Makes the port's next calls carry this event id. A port's headers are its own state: each
     * thread must call through a port of its own.
     *
     * @throws IllegalArgumentException when the port is not a Metro JAX-WS port
     */
    public static void set(Object port, String eventId) {
        if (!(port instanceof WSBindingProvider provider)) {
            throw new IllegalArgumentException("not a Metro JAX-WS port: "
                    + (port == null ? "null" : port.getClass().getName()));
        }
        provider.setOutboundHeaders(Headers.create(NAME, eventId));
    }

    private EventIdHeader() {}
}
