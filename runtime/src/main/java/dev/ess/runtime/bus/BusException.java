package dev.ess.runtime.bus;

/** The bus cannot be reached or refused an operation. */
public final class BusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BusException(String message) {
        super(message);
    }

    public BusException(String message, Throwable cause) {
        super(message, cause);
    }
}
