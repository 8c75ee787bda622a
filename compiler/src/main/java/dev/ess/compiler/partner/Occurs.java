package dev.ess.compiler.partner;

/**
 * How often an element or attribute may appear where it is declared, as the schema says once its
 * enclosing sequences and choices are taken into account.
 *
 * @param max {@link #UNBOUNDED} for no limit
 */
public record Occurs(int min, int max) {

    public static final int UNBOUNDED = -1;
    public static final Occurs ONCE = new Occurs(1, 1);
    public static final Occurs OPTIONAL = new Occurs(0, 1);

    public boolean isRequired() {
        return min > 0;
    }

    public boolean isRepeated() {
        return max == UNBOUNDED || max > 1;
    }

    /** This occurrence inside a particle that itself occurs {@code outer} times. */
    Occurs times(Occurs outer) {
        int product = max == UNBOUNDED || outer.max == UNBOUNDED ? UNBOUNDED : max * outer.max;
        return new Occurs(min * outer.min, product);
    }

    /** For messages: {@code unbounded} or the number. */
    public String describeMax() {
        return max == UNBOUNDED ? "unbounded" : String.valueOf(max);
    }
}
