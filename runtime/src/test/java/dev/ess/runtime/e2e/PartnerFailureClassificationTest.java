package dev.ess.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.delivery.ErrorClassifier;
import dev.ess.runtime.delivery.Failure;
import dev.ess.runtime.delivery.FailureKind;
import dev.ess.runtime.soap.SoapPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partner failures made for real over HTTP, through a real JAX-WS client proxy, and how the
 * classifier sorts them.
 */
class PartnerFailureClassificationTest {

    private static final String CLIENT_FAULT = """
            <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault>
            <faultcode>S:Client</faultcode><faultstring>street is too long</faultstring>
            </S:Fault></S:Body></S:Envelope>""";

    private static PermitPartner partner;
    private HttpServer server;

    @BeforeAll
    static void publishPartner() throws IOException {
        partner = PermitPartner.publish();
    }

    @AfterAll
    static void stopPartner() {
        partner.close();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void http503IsTransient() throws Exception {
        Failure failure = callAndClassify(serve(503, "text/plain", "down for maintenance", 0));
        assertEquals(FailureKind.TRANSIENT, failure.kind(), failure.reason());
        assertTrue(failure.reason().startsWith("HTTP status 503"), failure.reason());
    }

    @Test
    void http404IsPermanent() throws Exception {
        Failure failure = callAndClassify(serve(404, "text/plain", "no such service", 0));
        assertEquals(FailureKind.PERMANENT, failure.kind(), failure.reason());
        assertTrue(failure.reason().startsWith("HTTP status 404"), failure.reason());
    }

    @Test
    void soapClientFaultIsPermanent() throws Exception {
        Failure failure = callAndClassify(serve(500, "text/xml; charset=utf-8", CLIENT_FAULT, 0));
        assertEquals(new Failure(FailureKind.PERMANENT, "SOAP Client fault: street is too long"), failure);
    }

    @Test
    void aSlowPartnerTimesOutAndIsTransient() throws Exception {
        Failure failure = callAndClassify(serve(200, "text/xml", CLIENT_FAULT, 3_000));
        assertEquals(FailureKind.TRANSIENT, failure.kind(), failure.reason());
        assertTrue(failure.reason().startsWith("timed out"), failure.reason());
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        Failure failure = callAndClassify("http://127.0.0.1:" + PermitPartner.freePort() + "/permits");
        assertEquals(FailureKind.TRANSIENT, failure.kind(), failure.reason());
        assertTrue(failure.reason().startsWith("cannot connect"), failure.reason());
    }

    @Test
    void aDeclaredFaultIsPermanentEvenWithoutItsAnnotation() throws Exception {
        PermitPort port = configuredPort(partner.address());
        Exception fault = assertThrows(PermitRejected.class, () -> port.submitPermit("e", "REJECT", null, null));
        assertEquals(FailureKind.PERMANENT, ErrorClassifier.forPort(port).classifySend(fault).kind());

        class Undeclared extends Exception {
            private static final long serialVersionUID = 1L;
        }
        assertEquals(FailureKind.TRANSIENT, ErrorClassifier.forPort(port).classifySend(new Undeclared()).kind());
    }

    private static Failure callAndClassify(String address) throws Exception {
        PermitPort port = configuredPort(address);
        Exception error = assertThrows(Exception.class, () -> port.submitPermit("e", "P-1", "Main St", 5));
        return ErrorClassifier.forPort(port).classifySend(error);
    }

    private static PermitPort configuredPort(String address) throws Exception {
        ConnectorSpec spec = ConnectorSpec.builder("failures").listenTopic("t").targetUrl(address).fields("permit_id").build();
        PermitConnector connector = new PermitConnector(spec, partner.address() + "?wsdl");
        return SoapPorts.configure(connector.createPort(SoapPorts.features()), address, Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    private String serve(int status, String contentType, String body, long delayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/permits";
    }
}
