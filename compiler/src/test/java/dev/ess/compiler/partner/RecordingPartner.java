package dev.ess.compiler.partner;

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
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * A partner's SOAP endpoint for tests, for any WSDL: a real JAX-WS endpoint over HTTP that checks
 * each request's body against the partner's schema with {@code javax.xml.validation}, keeps it,
 * and answers with an empty response element (or nothing, for a one-way operation).
 */
@WebServiceProvider
@ServiceMode(Service.Mode.PAYLOAD)
public final class RecordingPartner implements Provider<Source>, AutoCloseable {

    private final Schema schema;
    private final QName answer;
    private final List<Element> received = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private Endpoint endpoint;
    private ExecutorService executor;
    private String address;

    private RecordingPartner(Schema schema, QName answer) {
        this.schema = schema;
        this.answer = answer;
    }

    /** @param answer the response element, {@code null} for a one-way operation */
    public static RecordingPartner start(Schema schema, QName answer, boolean soap12) throws IOException {
        RecordingPartner partner = new RecordingPartner(schema, answer);
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
    public Source invoke(Source request) {
        try {
            Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
            TransformerFactory.newInstance().newTransformer().transform(request, new DOMResult(document));
            Element body = document.getDocumentElement();
            String problem = null;
            try {
                schema.newValidator().validate(new DOMSource(body));
            } catch (SAXException invalid) {
                problem = invalid.getMessage();
            }
            synchronized (this) {
                received.add(body);
                if (problem != null) {
                    refused.add(problem);
                }
                notifyAll();
            }
            if (answer == null) {
                return null;
            }
            Document response = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
            response.appendChild(response.createElementNS(answer.getNamespaceURI(), answer.getLocalPart()));
            return new DOMSource(response);
        } catch (Exception e) {
            throw new IllegalStateException("the test partner cannot read a request", e);
        }
    }

    /** The request bodies received, once there are {@code count} of them or the time is up. */
    public synchronized List<Element> await(int count, Duration timeout) throws InterruptedException {
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
