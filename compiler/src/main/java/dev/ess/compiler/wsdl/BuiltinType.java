package dev.ess.compiler.wsdl;

import java.util.Arrays;
import java.util.Optional;

/** The XSD built-in types a mapping can target. */
public enum BuiltinType {
    STRING("string"),
    INT("int"),
    LONG("long"),
    DECIMAL("decimal"),
    BOOLEAN("boolean"),
    DATE("date"),
    DATE_TIME("dateTime");

    private final String xsdName;

    BuiltinType(String xsdName) {
        this.xsdName = xsdName;
    }

    public String xsdName() {
        return xsdName;
    }

    public boolean isWholeNumber() {
        return this == INT || this == LONG;
    }

    public boolean isNumber() {
        return isWholeNumber() || this == DECIMAL;
    }

    static Optional<BuiltinType> named(String localName) {
        return Arrays.stream(values()).filter(type -> type.xsdName.equals(localName)).findFirst();
    }
}
