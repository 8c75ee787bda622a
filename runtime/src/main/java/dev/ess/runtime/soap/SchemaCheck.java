package dev.ess.runtime.soap;

import com.sun.xml.ws.developer.ValidationErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Fails a request that the partner's own schema refuses, before it is sent: a value too long for
 * an element's {@code maxLength}, outside a range, not matching a pattern, a required element
 * missing. Such a request would be refused every time, so the runtime parks its event at once
 * instead of retrying it. Metro runs it on every outgoing request of a port created with
 * {@link SoapPorts#features()}.
 */
public final class SchemaCheck extends ValidationErrorHandler {

    /** Why the partner's schema refuses a request; values are left out, so the reason can be logged and stored. */
    public static final class RequestRefusedException extends SAXException {
        private static final long serialVersionUID = 1L;

        RequestRefusedException(String reason) {
            super(reason);
        }
    }

    /** The first error: once it is thrown, the validator reports a bare fatal error that says nothing. Metro makes a handler per request. */
    private String first;

    @Override
    public void warning(SAXParseException exception) {
        // a warning does not make the request invalid
    }

    @Override
    public void error(SAXParseException exception) throws SAXException {
        throw refused(exception);
    }

    @Override
    public void fatalError(SAXParseException exception) throws SAXException {
        throw refused(exception);
    }

    private RequestRefusedException refused(SAXParseException exception) {
        if (first == null) {
            first = reason(exception);
        }
        return new RequestRefusedException(first);
    }

    /** The validator's message without the values it quotes: they may be personal data. */
    static String reason(SAXParseException exception) {
        String message = exception.getLocalizedMessage();
        if (message == null) {
            return "the request does not match the partner's schema";
        }
        return message.replaceAll("(?i)(value|the value) '[^']*'", "$1").strip();
    }
}
