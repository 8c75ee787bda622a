package dev.ess.compiler.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Small DOM helpers: child elements by namespace and local name. */
final class Dom {

    private Dom() {}

    static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        return children(parent).stream()
                .filter(child -> namespace.equals(child.getNamespaceURI()) && localName.equals(child.getLocalName()))
                .toList();
    }

    static Optional<Element> child(Element parent, String namespace, String localName) {
        return children(parent, namespace, localName).stream().findFirst();
    }

    static boolean isSchema(Node node) {
        return node instanceof Element element
                && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(element.getNamespaceURI())
                && "schema".equals(element.getLocalName());
    }
}
