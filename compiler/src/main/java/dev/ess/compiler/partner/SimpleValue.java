package dev.ess.compiler.partner;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value of a simple target, as the schema and the stubs see it.
 *
 * @param javaType the stubs' type of one value: {@code int}, {@code Integer}, {@code String},
 *     {@code XMLGregorianCalendar}, {@code byte[]}, an enum class
 * @param xsdType the XML Schema built-in the type derives from: {@code string}, {@code int},
 *     {@code dateTime}, {@code base64Binary}
 * @param typeName the named simple type's local name, or {@code null} when anonymous or built in
 * @param enumClass the Java enum JAXB generated for it, or {@code null} when the stubs hold plain values
 * @param enumConstants the enum's constants by the value each stands for, in schema order
 * @param contentType the MIME type of binary data sent as an attachment (MTOM's
 *     {@code xmime:expectedContentTypes}), or {@code null}
 */
public record SimpleValue(TypeName javaType, String xsdType, String typeName, Facets facets, ClassName enumClass,
        Map<String, String> enumConstants, String contentType) {

    public SimpleValue {
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(xsdType, "xsdType");
        Objects.requireNonNull(facets, "facets");
        enumConstants = Collections.unmodifiableMap(new LinkedHashMap<>(enumConstants));
    }

    public List<String> enumeration() {
        return facets.enumeration();
    }

    /** As messages show it: {@code PermitStatus, xs:string} or {@code xs:string (maxLength 40)}. */
    public String describe() {
        return (typeName != null ? typeName + ", " : "") + "xs:" + xsdType + facets.describe();
    }
}
