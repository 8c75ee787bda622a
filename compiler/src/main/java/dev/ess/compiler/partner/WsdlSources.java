package dev.ess.compiler.partner;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.namespace.QName;

/**
 * The documents of one WSDL, all local and well-formed, as ESS serves them to wsimport and packages
 * them beside the stubs.
 *
 * @param root the WSDL itself
 * @param contents every document by its absolute path, the WSDL first
 * @param schemaNamespaces the target namespaces of every schema they declare, {@code ""} for none
 * @param targetNamespace the WSDL's own target namespace
 * @param soap12Bindings the bindings to SOAP 1.2, by name
 * @param offHttpBindings the SOAP bindings over another transport than HTTP (a WCF named pipe), by name
 */
public record WsdlSources(Path root, Map<Path, byte[]> contents, SortedSet<String> schemaNamespaces,
        String targetNamespace, Set<QName> soap12Bindings, Set<QName> offHttpBindings) {

    public WsdlSources {
        contents = new TreeMap<>(contents);
        schemaNamespaces = new TreeSet<>(schemaNamespaces);
        soap12Bindings = Set.copyOf(soap12Bindings);
        offHttpBindings = Set.copyOf(offHttpBindings);
    }

    /** Every file read, sorted: what the up-to-date check must watch. */
    public SortedSet<Path> files() {
        return new TreeSet<>(contents.keySet());
    }
}
