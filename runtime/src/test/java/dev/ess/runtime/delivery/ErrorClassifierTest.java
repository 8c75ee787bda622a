package dev.ess.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.xml.ws.client.ClientTransportException;
import dev.ess.runtime.MalformedEventException;
import dev.ess.runtime.Redaction;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/** The classifier's rules one by one; {@code PartnerFailureClassificationTest} makes the failures for real. */
class ErrorClassifierTest {

    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void mappingFailuresArePermanent() {
        assertEquals(new Failure(FailureKind.PERMANENT, "malformed event: required field 'x' is missing"),
                classifier.classifyMapping(new MalformedEventException("required field 'x' is missing")));
        assertEquals(FailureKind.PERMANENT, classifier.classifyMapping(new NullPointerException()).kind());
    }

    @Test
    void soapFaultsFollowTheirCode() throws Exception {
        assertEquals(FailureKind.PERMANENT, classifier.classifySend(soap11Fault("Client")).kind());
        assertEquals(FailureKind.TRANSIENT, classifier.classifySend(soap11Fault("Server")).kind());
        assertEquals(FailureKind.PERMANENT, classifier.classifySend(soap12Fault(SOAPConstants.SOAP_SENDER_FAULT)).kind());
        assertEquals(FailureKind.TRANSIENT, classifier.classifySend(soap12Fault(SOAPConstants.SOAP_RECEIVER_FAULT)).kind());
        assertEquals(new Failure(FailureKind.PERMANENT, "SOAP Client fault: bad request"),
                classifier.classifySend(soap11Fault("Client")));
    }

    @Test
    void transportFailuresAreTransient() {
        assertEquals(FailureKind.TRANSIENT,
                classifier.classifySend(new ClientTransportException(null, new ConnectException("Connection refused"))).kind());
        assertEquals(FailureKind.TRANSIENT,
                classifier.classifySend(new WebServiceException(new SocketTimeoutException("Read timed out"))).kind());
        assertEquals(FailureKind.TRANSIENT, classifier.classifySend(new IllegalStateException("surprise")).kind());
    }

    /** Whatever a library or the partner writes, a reason never carries a configured secret. */
    @Test
    void reasonsCarryNoSecret() {
        ErrorClassifier redacting = classifier.redacting(Redaction.of("https://clerk:S3cret@dmv.example/soap?token=T0ken-42"));
        Failure failure = redacting.classifySend(new WebServiceException(
                "cannot reach https://clerk:S3cret@dmv.example/soap?token=T0ken-42", new ConnectException("refused")));
        assertEquals("cannot connect: refused", failure.reason());
        failure = redacting.classifySend(new IllegalStateException("endpoint https://clerk:S3cret@dmv.example/soap?token=T0ken-42"));
        assertEquals("IllegalStateException: endpoint https://clerk:***@dmv.example/soap?***", failure.reason());
        failure = redacting.classifyMapping(new MalformedEventException("field 'note' must be a number, found \"T0ken-42\""));
        assertEquals("malformed event: field 'note' must be a number, found \"***\"", failure.reason());
    }

    private static SOAPFaultException soap11Fault(String code) throws Exception {
        SOAPFault fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL)
                .createFault("bad request", new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, code));
        return new SOAPFaultException(fault);
    }

    private static SOAPFaultException soap12Fault(QName code) throws Exception {
        SOAPFault fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL).createFault("bad request", code);
        return new SOAPFaultException(fault);
    }
}
