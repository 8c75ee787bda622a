package dev.ess.compiler.partner;

import dev.ess.compiler.diagnostic.Position;

/**
 * A part of the partner's schema refers to a type or element no document declares. wsimport only
 * warns about it (src-resolve) and binds what it can; the reference fails once a mapping reaches it.
 */
public final class UnresolvedSchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Position position;
    private final String holder;

    UnresolvedSchemaException(Position position, String holder, Throwable cause) {
        super("unresolved schema reference in " + holder, cause);
        this.position = position;
        this.holder = holder;
    }

    /** Where the type that holds the reference is declared. */
    public Position position() {
        return position;
    }

    /** The element or type that holds the reference. */
    public String holder() {
        return holder;
    }
}
