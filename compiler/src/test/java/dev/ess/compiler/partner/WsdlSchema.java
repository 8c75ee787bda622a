package dev.ess.compiler.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
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
                return null;
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
