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
import javax.xml.XMLConstants;
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
 * operation). For an rpc/literal operation the body's wrapper is checked by name and each part
 * below it against the part's type.
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
    private final WsdlSchema.RpcBody rpc;
    private final QName answer;
    private final boolean soap12;
    private final List<Request> received = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private Endpoint endpoint;
    private ExecutorService executor;
    private String address;

    private RecordingPartner(Schema schema, WsdlSchema.RpcBody rpc, QName answer, boolean soap12) {
        this.schema = schema;
        this.rpc = rpc;
        this.answer = answer;
        this.soap12 = soap12;
    }

    /**
     * @param rpc what the body of an rpc/literal request holds, {@code null} for a document-style operation
     * @param answer the response element, {@code null} for a one-way operation
     */
    public static RecordingPartner start(Schema schema, WsdlSchema.RpcBody rpc, QName answer, boolean soap12)
            throws IOException {
        RecordingPartner partner = new RecordingPartner(schema, rpc, answer, soap12);
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
            if (body != null && rpc != null) {
                problems.addAll(checkRpcBody(body));
            } else if (body != null) {
                checked.add(0, body);
            }
            for (Element element : checked) {
                validate(element, problems);
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

    private void validate(Element element, List<String> problems) throws IOException {
        try {
            schema.newValidator().validate(new DOMSource(element));
        } catch (SAXException invalid) {
            problems.add(element.getLocalName() + ": " + invalid.getMessage());
        }
    }

    /** The wrapper's name, then each part against its type, named for the validator by {@code xsi:type}. */
    private List<String> checkRpcBody(Element wrapper) throws IOException {
        List<String> problems = new ArrayList<>();
        QName name = new QName(wrapper.getNamespaceURI() == null ? "" : wrapper.getNamespaceURI(), wrapper.getLocalName());
        if (!rpc.wrapper().equals(name)) {
            problems.add("the rpc body is " + name + ", not " + rpc.wrapper());
        }
        List<Element> parts = new ArrayList<>();
        for (Node child = wrapper.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element part) {
                parts.add(part);
            }
        }
        // Every part, in the message's order, unqualified.
        List<String> names = parts.stream().map(part -> part.getNamespaceURI() == null || part.getNamespaceURI().isEmpty()
                ? part.getLocalName() : "{" + part.getNamespaceURI() + "}" + part.getLocalName()).toList();
        if (!names.equals(List.copyOf(rpc.partTypes().keySet()))) {
            problems.add("the rpc body holds the parts " + names + ", not " + rpc.partTypes().keySet());
        }
        for (Element part : parts) {
            QName type = rpc.partTypes().get(part.getLocalName());
            if (type == null) {
                continue;
            }
            // Added for the check only, and taken off again: the request is kept as it came.
            part.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:essPartType", type.getNamespaceURI());
            part.setAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "essXsi:type", "essPartType:" + type.getLocalPart());
            validate(part, problems);
            part.removeAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type");
            part.removeAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "essPartType");
        }
        return problems;
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

    /** The requests received so far. */
    public synchronized List<Request> received() {
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
