package dev.ess.compiler.wsimport;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The local files a WSDL's stubs depend on: the WSDL itself and every WSDL or schema it imports
 * or includes, directly or through another. wsimport reads them all, so a change to any of them
 * must regenerate the stubs.
 */
public final class WsdlImports {

    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    private static final String XSD_NS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    private WsdlImports() {}

    /** The WSDL and the local files it reaches, sorted; remote and unreadable ones are left out. */
    public static SortedSet<Path> of(Path wsdl) {
        SortedSet<Path> files = new TreeSet<>();
        Deque<Path> pending = new ArrayDeque<>();
        pending.add(wsdl.toAbsolutePath().normalize());
        DocumentBuilder parser = parser();
        while (!pending.isEmpty()) {
            Path file = pending.removeFirst();
            if (!Files.isRegularFile(file) || !files.add(file)) {
                continue;
            }
            try {
                Document document = parser.parse(file.toFile());
                for (String location : locations(document)) {
                    local(file, location).ifPresent(pending::add);
                }
            } catch (SAXException | IOException e) {
                // the WSDL reader reports a malformed file; its bytes still count as a dependency
            }
        }
        return files;
    }

    private static Iterable<String> locations(Document document) {
        TreeSet<String> locations = new TreeSet<>();
        for (String namespace : new String[] {WSDL_NS, XSD_NS}) {
            for (String name : new String[] {"import", "include", "redefine"}) {
                NodeList elements = document.getElementsByTagNameNS(namespace, name);
                for (int i = 0; i < elements.getLength(); i++) {
                    Element element = (Element) elements.item(i);
                    String attribute = namespace.equals(WSDL_NS) ? "location" : "schemaLocation";
                    if (element.hasAttribute(attribute)) {
                        locations.add(element.getAttribute(attribute).strip());
                    }
                }
            }
        }
        return locations;
    }

    /** A relative location resolved against the file that names it; absolute URIs are remote. */
    private static Optional<Path> local(Path from, String location) {
        try {
            URI uri = new URI(location);
            if (uri.isAbsolute() || uri.getPath() == null || uri.getPath().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(from.getParent().resolve(uri.getPath()).normalize());
        } catch (URISyntaxException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Namespace-aware, and closed to DTDs and external entities. */
    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // silent: errors surface as exceptions
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }
}
