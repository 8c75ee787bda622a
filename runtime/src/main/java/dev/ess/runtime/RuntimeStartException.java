package dev.ess.runtime;

/** A connector could not start: the store, the partner's port or the bus failed. */
public final class RuntimeStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RuntimeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
