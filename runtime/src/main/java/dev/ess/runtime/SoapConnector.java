package dev.ess.runtime;

import jakarta.xml.ws.WebServiceFeature;

/**
 * A connector from bus events to one operation of a partner's SOAP service.
 *
 * <p>ESS generates one implementation per manifest. It holds only what the manifest and the
 * mapping say: the connector's settings, how an event becomes the typed request, and which
 * port operation receives it. Everything else (consuming the bus, the store, retries,
 * heartbeats) belongs to the runtime that calls it.
 *
 * @param <P> the JAX-WS port type of the partner's service
 * @param <Q> the request type of the operation
 * @param <R> the response type of the operation
 */
public interface SoapConnector<P, Q, R> {

    /** The settings from the connector's manifest. */
    ConnectorSpec spec();

    /**
     * Creates a port of the partner's service with the features the runtime chooses (such as
     * checking each request against the partner's schema). The runtime then sets its endpoint
     * address and timeouts; the WSDL itself is read from the classpath, never from the network.
     */
    P createPort(WebServiceFeature... features);

    /**
     * Builds the partner's request from an event.
     *
     * @throws MalformedEventException when the event lacks a required field or a field has the
     *     wrong type; such an event can never be sent and is parked at once
     */
    Q map(Event event);

    /**
     * Calls the partner's operation.
     *
     * @throws Exception a fault the WSDL declares (the partner rejected the request) or any
     *     transport failure; the runtime classifies it
     */
    R send(P port, Q request) throws Exception;
}
