package dev.ess.compiler.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * The XML Schema of a partner's WSDL, for {@code javax.xml.validation}: the schemas inside its
 * {@code types} and those of the WSDLs it imports, each made a document of its own with the
 * namespace declarations it inherits, and the schema files they import read from beside them.
 * What a partner's endpoint in a test checks every request against.
 */
public final class WsdlSchema {

    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final List<String> SOAP_BINDINGS = List.of("http://schemas.xmlsoap.org/wsdl/soap/",
            "http://schemas.xmlsoap.org/wsdl/soap12/");

    /**
     * The body of an rpc/literal request: a wrapper element named after the operation, in the
     * namespace of the binding's {@code soap:body}, holding one unqualified element per part, each
     * of the part's schema type. No schema declares the wrapper, so each part is checked against its type.
     *
     * @param partTypes the type of each part the body carries, by part name
     */
    public record RpcBody(QName wrapper, Map<String, QName> partTypes) {}

    private WsdlSchema() {}

    public static Schema of(Path wsdl) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Map<String, Element> inline = new LinkedHashMap<>();
        collect(wsdl.toAbsolutePath().normalize(), factory, inline, new ArrayList<>());
        List<Source> sources = new ArrayList<>();
        inline.forEach((systemId, schema) -> sources.add(new DOMSource(schema, systemId)));
        SchemaFactory schemas = SchemaFactory.newInstance(XSD);
        schemas.setResourceResolver(new InlineFirst(inline));
        return schemas.newSchema(sources.toArray(Source[]::new));
    }

    /** What the body of a request to the rpc/literal operation of this name holds. */
    public static RpcBody rpcBody(Path wsdl, String operation) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<Document> documents = new ArrayList<>();
        wsdls(wsdl.toAbsolutePath().normalize(), factory, documents, new ArrayList<>());
        Element body = null;
        Element input = null;
        for (Document document : documents) {
            for (Element found : children(document.getDocumentElement(), "binding", "operation", "input")) {
                if (operation.equals(((Element) found.getParentNode()).getAttribute("name")) && body == null) {
                    body = SOAP_BINDINGS.stream().flatMap(soap -> elements(found, soap, "body").stream()).findFirst().orElse(null);
                }
            }
            for (Element found : children(document.getDocumentElement(), "portType", "operation", "input")) {
                if (operation.equals(((Element) found.getParentNode()).getAttribute("name")) && input == null) {
                    input = found;
                }
            }
        }
        if (body == null || input == null) {
            throw new IllegalArgumentException("no rpc operation " + operation + " in " + wsdl);
        }
        QName message = qName(input, input.getAttribute("message"));
        List<String> bodyParts = body.hasAttribute("parts") ? List.of(body.getAttribute("parts").trim().split("\\s+")) : null;
        Map<String, QName> partTypes = new LinkedHashMap<>();
        for (Document document : documents) {
            String namespace = document.getDocumentElement().getAttribute("targetNamespace");
            for (Element part : children(document.getDocumentElement(), "message", "part")) {
                Element owner = (Element) part.getParentNode();
                String name = part.getAttribute("name");
                if (message.equals(new QName(namespace, owner.getAttribute("name"))) && part.hasAttribute("type")
                        && (bodyParts == null || bodyParts.contains(name))) {
                    partTypes.put(name, qName(part, part.getAttribute("type")));
                }
            }
        }
        return new RpcBody(new QName(body.getAttribute("namespace"), operation), partTypes);
    }

    private static void wsdls(Path wsdl, DocumentBuilderFactory factory, List<Document> documents, List<Path> seen)
            throws Exception {
        if (seen.contains(wsdl)) {
            return;
        }
        seen.add(wsdl);
        Document document = factory.newDocumentBuilder().parse(wsdl.toFile());
        documents.add(document);
        for (Element imported : elements(document.getDocumentElement(), WSDL, "import")) {
            if (!imported.getAttribute("location").isEmpty()) {
                wsdls(wsdl.getParent().resolve(imported.getAttribute("location")).normalize(), factory, documents, seen);
            }
        }
    }

    /** The WSDL elements at a path of local names below a parent. */
    private static List<Element> children(Element parent, String... path) {
        List<Element> level = List.of(parent);
        for (String step : path) {
            List<Element> next = new ArrayList<>();
            level.forEach(element -> next.addAll(elements(element, WSDL, step)));
            level = next;
        }
        return level;
    }

    private static List<Element> elements(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** A prefixed name as the element it is written in declares its prefix. */
    private static QName qName(Element where, String prefixed) {
        int colon = prefixed.indexOf(':');
        String prefix = colon < 0 ? null : prefixed.substring(0, colon);
        String namespace = where.lookupNamespaceURI(prefix);
        return new QName(namespace == null ? "" : namespace, prefixed.substring(colon + 1));
    }

    /** The inline schemas of a WSDL and of the WSDLs it imports, by a system id of their own. */
    private static void collect(Path wsdl, DocumentBuilderFactory factory, Map<String, Element> inline, List<Path> seen)
            throws Exception {
        if (seen.contains(wsdl)) {
            return;
        }
        seen.add(wsdl);
        Document document = factory.newDocumentBuilder().parse(wsdl.toFile());
        NodeList schemas = document.getElementsByTagNameNS(XSD, "schema");
        for (int i = 0; i < schemas.getLength(); i++) {
            Element schema = (Element) schemas.item(i);
            inheritNamespaces(schema);
            inline.put(wsdl.toUri() + "#schema" + (i + 1), schema);
        }
        NodeList imports = document.getElementsByTagNameNS(WSDL, "import");
        for (int i = 0; i < imports.getLength(); i++) {
            String location = ((Element) imports.item(i)).getAttribute("location");
            if (!location.isEmpty()) {
                collect(wsdl.getParent().resolve(location).normalize(), factory, inline, seen);
            }
        }
    }

    /** A schema inside a WSDL may use prefixes its ancestors declare: it gets their declarations. */
    private static void inheritNamespaces(Element schema) {
        for (Node ancestor = schema.getParentNode(); ancestor instanceof Element element; ancestor = element.getParentNode()) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                        && !schema.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getLocalName())) {
                    schema.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getNodeName(), attribute.getNodeValue());
                }
            }
        }
    }

    /** An import by namespace alone finds the inline schema of that namespace; a location is read as a file. */
    private record InlineFirst(Map<String, Element> inline) implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId == null || systemId.isEmpty()) {
                return inline.entrySet().stream()
                        .filter(schema -> Objects.equals(namespace, schema.getValue().getAttribute("targetNamespace")))
                        .findFirst().map(schema -> (LSInput) new FileInput(schema.getKey(), text(schema.getValue())))
                        .orElse(null);
            }
            try {
                URI location = baseUri == null ? URI.create(systemId) : URI.create(baseUri.replaceAll("#.*", "")).resolve(systemId);
                if (!"file".equals(location.getScheme())) {
                    throw new IllegalStateException("a test reads no schema from the network: " + location);
                }
                return new FileInput(location.toString(), Files.readString(Path.of(location)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the schema " + systemId, e);
            }
        }
    }

    private static String text(Element schema) {
        try {
            StringWriter text = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(schema), new StreamResult(text));
            return text.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private record FileInput(String systemId, String text) implements LSInput {
        @Override public Reader getCharacterStream() { return new java.io.StringReader(text); }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() { return null; }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return text; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String id) { }
        @Override public String getPublicId() { return null; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return systemId; }
        @Override public void setBaseURI(String baseUri) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
