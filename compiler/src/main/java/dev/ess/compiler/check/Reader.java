package dev.ess.compiler.check;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;

/**
 * The runtime {@code Event} accessor that reads a field as one Java type: {@code text},
 * {@code requiredText}, and {@code texts} for an array of them.
 */
public enum Reader {
    TEXT("text", "texts", ClassName.get(String.class)),
    INTEGER("integer", "integers", ClassName.get(Integer.class)),
    LONG("longInteger", "longIntegers", ClassName.get(Long.class)),
    SHORT("shortInteger", "shortIntegers", ClassName.get(Short.class)),
    BYTE("byteInteger", "byteIntegers", ClassName.get(Byte.class)),
    BIG_INTEGER("bigInteger", "bigIntegers", ClassName.get(BigInteger.class)),
    DECIMAL("decimal", "decimals", ClassName.get(BigDecimal.class)),
    DOUBLE("doubleNumber", "doubleNumbers", ClassName.get(Double.class)),
    FLOAT("floatNumber", "floatNumbers", ClassName.get(Float.class)),
    BOOLEAN("bool", "bools", ClassName.get(Boolean.class)),
    DATE("date", "dates", ClassName.get(LocalDate.class));

    private final String accessor;
    private final String arrayAccessor;
    private final TypeName javaType;

    Reader(String accessor, String arrayAccessor, TypeName javaType) {
        this.accessor = accessor;
        this.arrayAccessor = arrayAccessor;
        this.javaType = javaType;
    }

    /** {@code text}, or {@code requiredText}, which throws when the field is missing. */
    public String accessor(boolean required) {
        return required ? "required" + Character.toUpperCase(accessor.charAt(0)) + accessor.substring(1) : accessor;
    }

    /** The accessor of a JSON array of such values: {@code texts}. */
    public String arrayAccessor() {
        return arrayAccessor;
    }

    /** What the optional accessor returns; the required one returns the primitive where there is one. */
    public TypeName javaType() {
        return javaType;
    }

    /** The accessor the runtime offers for objects of an array: each entry is read like an event. */
    public static final String ITEMS = "items";
}
