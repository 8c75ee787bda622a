package dev.ess.compiler.partner;

import dev.ess.runtime.soap.EventIdHeader;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.xml.namespace.QName;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A partner's SOAP endpoint for tests, for any WSDL: a real JAX-WS endpoint over HTTP that checks
 * each request's body and headers against the partner's schema with {@code javax.xml.validation},
 * keeps the request, and answers with an empty response element (or nothing, for a one-way
 * operation).
 */
@WebServiceProvider
@ServiceMode(Service.Mode.MESSAGE)
public final class RecordingPartner implements Provider<SOAPMessage>, AutoCloseable {

    /**
     * A request as the partner got it.
     *
     * @param body the element inside the SOAP body
     * @param headers the elements inside the SOAP header
     */
    public record Request(Element body, List<Element> headers) {}

    private final Schema schema;
    private final QName answer;
    private final boolean soap12;
    private final List<Request> received = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private Endpoint endpoint;
    private ExecutorService executor;
    private String address;

    private RecordingPartner(Schema schema, QName answer, boolean soap12) {
        this.schema = schema;
        this.answer = answer;
        this.soap12 = soap12;
    }

    /** @param answer the response element, {@code null} for a one-way operation */
    public static RecordingPartner start(Schema schema, QName answer, boolean soap12) throws IOException {
        RecordingPartner partner = new RecordingPartner(schema, answer, soap12);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        partner.executor = Executors.newFixedThreadPool(2);
        partner.endpoint = Endpoint.create(soap12 ? SOAPBinding.SOAP12HTTP_BINDING : SOAPBinding.SOAP11HTTP_BINDING, partner);
        partner.endpoint.setExecutor(partner.executor);
        partner.address = "http://127.0.0.1:" + port + "/partner";
        partner.endpoint.publish(partner.address);
        return partner;
    }

    public String address() {
        return address;
    }

    @Override
    public SOAPMessage invoke(SOAPMessage message) {
        try {
            Element body = firstElement(message.getSOAPBody());
            List<Element> headers = new ArrayList<>();
            if (message.getSOAPHeader() != null) {
                for (Node child = message.getSOAPHeader().getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element header) {
                        headers.add(header);
                    }
                }
            }
            List<String> problems = new ArrayList<>();
            // ESS's own EventId header is ESS's business, not the partner's schema's.
            List<Element> checked = new ArrayList<>(headers.stream()
                    .filter(header -> !EventIdHeader.NAMESPACE.equals(header.getNamespaceURI())).toList());
            if (body != null) {
                checked.add(0, body);
            }
            for (Element element : checked) {
                try {
                    schema.newValidator().validate(new DOMSource(element));
                } catch (SAXException invalid) {
                    problems.add(element.getLocalName() + ": " + invalid.getMessage());
                }
            }
            synchronized (this) {
                received.add(new Request(body, headers));
                refused.addAll(problems);
                notifyAll();
            }
            if (answer == null) {
                return null;
            }
            SOAPMessage response = MessageFactory.newInstance(soap12 ? SOAPConstants.SOAP_1_2_PROTOCOL
                    : SOAPConstants.SOAP_1_1_PROTOCOL).createMessage();
            response.getSOAPBody().addChildElement(answer.getLocalPart(), "a", answer.getNamespaceURI());
            return response;
        } catch (SOAPException | IOException e) {
            throw new IllegalStateException("the test partner cannot read a request", e);
        }
    }

    private static Element firstElement(Node parent) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    /** The requests received, once there are {@code count} of them or the time is up. */
    public synchronized List<Request> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return List.copyOf(received);
    }

    /** What the schema said of every request it refused. */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.stop();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
