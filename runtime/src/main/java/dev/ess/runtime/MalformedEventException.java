package dev.ess.runtime;

/** An event that cannot be mapped: not JSON, a required field missing, or a field of the wrong type. */
public final class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
