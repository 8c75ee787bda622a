package dev.ess.compiler.partner;

import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * One argument of the port method: a part of the request's SOAP body or header.
 *
 * @param name how a mapping path starts to reach it: the part's element (document style) or the
 *     part's name (rpc style)
 * @param header whether it travels in the SOAP header
 * @param holder whether the stubs pass it in a {@code jakarta.xml.ws.Holder} (an in-out or out part)
 * @param input whether the request carries it; an out-only part is an empty holder
 * @param javaType the type of its value
 */
public record RequestPart(String name, boolean header, boolean holder, boolean input, TypeName javaType,
        TargetNode root) {

    public RequestPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(root, "root");
    }
}
