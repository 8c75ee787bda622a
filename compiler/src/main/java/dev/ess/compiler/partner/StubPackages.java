package dev.ess.compiler.partner;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.jaxb.core.api.impl.NameConverter;

/**
 * Which package each part of a WSDL's stubs goes to. The service, its port types and the schema of
 * the WSDL's own namespace go to the WSDL's stub package; every other schema namespace gets a
 * package of its own below it, named after the namespace's last word as JAXB spells it
 * ({@code http://schemas.microsoft.com/2003/10/Serialization/ -> <stubs>.serialization}), so two
 * namespaces that declare the same names never collide in one {@code ObjectFactory}.
 */
final class StubPackages {

    private final String stubPackage;
    private final Map<String, String> byNamespace = new LinkedHashMap<>();

    StubPackages(String stubPackage, WsdlSources sources) {
        this.stubPackage = stubPackage;
        String main = sources.schemaNamespaces().contains(sources.targetNamespace())
                ? sources.targetNamespace()
                : sources.schemaNamespaces().isEmpty() ? null : sources.schemaNamespaces().first();
        Set<String> taken = new HashSet<>();
        if (main != null) {
            byNamespace.put(main, stubPackage);
        }
        for (String namespace : sources.schemaNamespaces()) {
            if (!namespace.equals(main)) {
                byNamespace.put(namespace, stubPackage + "." + segment(namespace, taken));
            }
        }
    }

    String stubPackage() {
        return stubPackage;
    }

    Map<String, String> byNamespace() {
        return byNamespace;
    }

    /** The last word of JAXB's package for the namespace, made unique by the words before it. */
    private static String segment(String namespace, Set<String> taken) {
        String jaxbPackage = namespace.isEmpty() ? "nonamespace" : NameConverter.standard.toPackageName(namespace);
        List<String> words = List.of(jaxbPackage.split("\\."));
        String segment = words.get(words.size() - 1);
        for (int i = words.size() - 2; taken.contains(segment) && i >= 0; i--) {
            segment = words.get(i) + "_" + segment;
        }
        String unique = segment;
        for (int n = 2; taken.contains(unique); n++) {
            unique = segment + n;
        }
        taken.add(unique);
        return unique;
    }

    /**
     * The JAX-WS customization: the stub package for the service and port types, and no "wrapper
     * style", so every operation takes its request element as one object.
     */
    String jaxwsBindings(String wsdlUri) {
        return "<bindings xmlns=\"https://jakarta.ee/xml/ns/jaxws\" wsdlLocation=\"" + attribute(wsdlUri) + "\">\n"
                + "  <package name=\"" + stubPackage + "\"/>\n"
                + "  <enableWrapperStyle>false</enableWrapperStyle>\n"
                + "</bindings>\n";
    }

    /** The JAXB customization: a package per schema namespace, addressed by schema component designators. */
    String jaxbBindings() {
        StringBuilder text = new StringBuilder(
                "<jaxb:bindings version=\"3.0\" xmlns:jaxb=\"https://jakarta.ee/xml/ns/jaxb\"");
        int n = 0;
        for (String namespace : byNamespace.keySet()) {
            if (!namespace.isEmpty()) {
                text.append("\n    xmlns:ns").append(n).append("=\"").append(attribute(namespace)).append('"');
            }
            n++;
        }
        text.append(">\n");
        n = 0;
        for (Map.Entry<String, String> entry : byNamespace.entrySet()) {
            String designator = entry.getKey().isEmpty() ? "x-schema::" : "x-schema::ns" + n;
            n++;
            text.append("  <jaxb:bindings scd=\"").append(designator).append("\"><jaxb:schemaBindings>")
                    .append("<jaxb:package name=\"").append(entry.getValue()).append("\"/>")
                    .append("</jaxb:schemaBindings></jaxb:bindings>\n");
        }
        return text.append("</jaxb:bindings>\n").toString();
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
