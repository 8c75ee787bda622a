package dev.ess.samples.dmv;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

/** Prints each incoming SOAP request, indented, as the DMV received it. */
final class SoapRequestPrinter implements SOAPHandler<SOAPMessageContext> {

    private final PrintStream out;

    SoapRequestPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        boolean outbound = (Boolean) context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY);
        if (!outbound) {
            String envelope = indent(context);
            synchronized (out) {
                out.println("DMV received SOAP request:");
                out.println(envelope);
            }
        }
        return true;
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
        // nothing held per message
    }

    @Override
    public Set<QName> getHeaders() {
        return Set.of();
    }

    private static String indent(SOAPMessageContext context) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter text = new StringWriter();
            transformer.transform(new DOMSource(context.getMessage().getSOAPPart().getEnvelope()), new StreamResult(text));
            return text.toString().strip();
        } catch (SOAPException | TransformerException e) {
            return "(unprintable request: " + e.getMessage() + ")";
        }
    }
}
