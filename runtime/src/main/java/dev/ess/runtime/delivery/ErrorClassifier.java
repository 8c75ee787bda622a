package dev.ess.runtime.delivery;

import dev.ess.runtime.soap.SchemaCheck;

import com.sun.istack.localization.Localizable;
import dev.ess.runtime.MalformedEventException;
import dev.ess.runtime.Redaction;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * Sorts delivery failures into transient and permanent.
 *
 * <p>Permanent: a malformed event or failed mapping, a fault the WSDL declares (a checked
 * exception marked {@link WebFault} or declared by the port's methods), a SOAP Client/Sender fault, an HTTP 4xx other than 408
 * and 429. Transient: refused connections, timeouts and other I/O errors, HTTP 5xx, 408 and 429,
 * a SOAP Server/Receiver fault. Anything unknown counts as transient, so it is retried and
 * then parked rather than lost. Transient failures without an answer from the partner's service
 * (I/O errors, timeouts, HTTP 502/503/504) are marked {@link Failure#partnerUnreachable()}.
 *
 * <p>A reason quotes messages that libraries and the partner wrote; the {@link Redaction} takes
 * credentials out of them before they reach a log, the store or a dead-letter header.
 */
public final class ErrorClassifier {

    /** The key Metro gives the message of a {@code ClientTransportException} for an HTTP status. */
    private static final String HTTP_STATUS_KEY = "http.status.code";

    private final Set<Class<?>> declaredFaults;
    private final Redaction redaction;

    /** A classifier that knows no port: only {@link WebFault} exceptions count as declared faults. */
    public ErrorClassifier() {
        this(Set.of(), Redaction.NONE);
    }

    private ErrorClassifier(Set<Class<?>> declaredFaults, Redaction redaction) {
        this.declaredFaults = declaredFaults;
        this.redaction = redaction;
    }

    /** This classifier, taking the secrets {@code redaction} knows out of every reason. */
    public ErrorClassifier redacting(Redaction redaction) {
        return new ErrorClassifier(declaredFaults, redaction);
    }

    /**
     * A classifier that also treats every checked exception declared by a method of the port's
     * interfaces as a declared fault.
     */
    public static ErrorClassifier forPort(Object port) {
        Set<Class<?>> declared = new HashSet<>();
        for (Class<?> type = port.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> serviceInterface : type.getInterfaces()) {
                for (Method method : serviceInterface.getMethods()) {
                    for (Class<?> thrown : method.getExceptionTypes()) {
                        if (isDeclaredFaultType(thrown)) {
                            declared.add(thrown);
                        }
                    }
                }
            }
        }
        return new ErrorClassifier(Set.copyOf(declared), Redaction.NONE);
    }

    /** Classifies an exception thrown while turning an event into a request. */
    public Failure classifyMapping(Throwable error) {
        return redacted(mappingFailure(error));
    }

    /** Classifies an exception thrown by the partner call. */
    public Failure classifySend(Throwable error) {
        return redacted(sendFailure(error));
    }

    private Failure redacted(Failure failure) {
        return new Failure(failure.kind(), redaction.scrub(failure.reason()), failure.partnerUnreachable());
    }

    private static Failure mappingFailure(Throwable error) {
        if (error instanceof MalformedEventException) {
            return new Failure(FailureKind.PERMANENT, "malformed event: " + error.getMessage());
        }
        return new Failure(FailureKind.PERMANENT, "mapping failed: " + describe(error));
    }

    private Failure sendFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaCheck.RequestRefusedException refused) {
                // Checked before sending: the request can never be right, whatever the partner's state.
                return new Failure(FailureKind.PERMANENT, "the partner's schema refuses the request: " + refused.getMessage());
            }
        }
        if (error instanceof SOAPFaultException soapFault) {
            return classifySoapFault(soapFault);
        }
        if (isDeclaredFault(error)) {
            return new Failure(FailureKind.PERMANENT, "partner rejected the request: " + describe(error));
        }
        Integer status = httpStatus(error);
        if (status != null) {
            boolean retry = status >= 500 || status == 408 || status == 429;
            boolean gatewayOrUnavailable = status == 502 || status == 503 || status == 504;
            return new Failure(retry ? FailureKind.TRANSIENT : FailureKind.PERMANENT, "HTTP status " + status
                    + ": " + error.getMessage(), gatewayOrUnavailable);
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return new Failure(FailureKind.TRANSIENT, "cannot connect: " + cause.getMessage(), true);
            }
            if (cause instanceof SocketTimeoutException) {
                return new Failure(FailureKind.TRANSIENT, "timed out: " + cause.getMessage(), true);
            }
            if (cause instanceof UnknownHostException) {
                return new Failure(FailureKind.TRANSIENT, "unknown host: " + cause.getMessage(), true);
            }
            if (cause instanceof IOException) {
                return new Failure(FailureKind.TRANSIENT, "I/O error: " + describe(cause), true);
            }
        }
        return new Failure(FailureKind.TRANSIENT, describe(error));
    }

    private boolean isDeclaredFault(Throwable error) {
        if (error instanceof RuntimeException || error instanceof Error) {
            return false;
        }
        if (error.getClass().isAnnotationPresent(WebFault.class)) {
            return true;
        }
        return declaredFaults.stream().anyMatch(type -> type.isInstance(error));
    }

    /** Checked, and not a transport failure that a method may declare in passing. */
    private static boolean isDeclaredFaultType(Class<?> type) {
        return Exception.class.isAssignableFrom(type)
                && !RuntimeException.class.isAssignableFrom(type)
                && !IOException.class.isAssignableFrom(type)
                && type != Exception.class;
    }

    private static Failure classifySoapFault(SOAPFaultException exception) {
        SOAPFault fault = exception.getFault();
        QName code = fault == null ? null : fault.getFaultCodeAsQName();
        String local = code == null ? "" : code.getLocalPart();
        String text = fault == null ? exception.getMessage() : fault.getFaultString();
        // SOAP 1.1 says Client/Server, SOAP 1.2 Sender/Receiver.
        boolean partnerSide = local.equals("Server") || local.equals("Receiver") || local.startsWith("Server.");
        FailureKind kind = partnerSide ? FailureKind.TRANSIENT : FailureKind.PERMANENT;
        return new Failure(kind, "SOAP " + (local.isEmpty() ? "" : local + " ") + "fault: " + text);
    }

    private static Integer httpStatus(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof Localizable localizable) {
                Object[] arguments = httpStatusArguments(localizable);
                if (arguments != null && arguments.length > 0 && arguments[0] instanceof Integer status) {
                    return status;
                }
            }
        }
        return null;
    }

    private static Object[] httpStatusArguments(Localizable localizable) {
        try {
            return HTTP_STATUS_KEY.equals(localizable.getKey()) ? localizable.getArguments() : null;
        } catch (RuntimeException e) {
            // Metro's exceptions throw here when built without a message.
            return null;
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
