package dev.ess.compiler.partner;

import dev.ess.compiler.diagnostic.Position;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads XML into a namespace-aware DOM without ever expanding a DTD or an external entity: a
 * document that declares a DOCTYPE is refused. Each element remembers where its start tag
 * begins, so problems in a WSDL can be shown at their line and column.
 */
final class SecureXml {

    private static final String LINE = "ess.line";
    private static final String COLUMN = "ess.column";

    private SecureXml() {}

    /**
     * Parses the text of a file, read elsewhere so that positions are computed on that very text.
     *
     * @throws SAXException when it is not well-formed XML or declares a DOCTYPE
     */
    static Document parse(Path file, String text) throws IOException, SAXException {
        try {
            SAXParser parser = parserFactory().newSAXParser();
            Document document = documentFactory().newDocumentBuilder().newDocument();
            InputSource source = new InputSource(new StringReader(text));
            source.setSystemId(file.toUri().toString());
            parser.parse(source, new DomBuilder(document, text));
            return document;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    /** Where an element's start tag begins, 1-based. */
    static Position position(Path file, Node node) {
        int line = node.getUserData(LINE) instanceof Integer value ? value : 0;
        int column = node.getUserData(COLUMN) instanceof Integer value ? value : 0;
        return new Position(file, line, column);
    }

    private static SAXParserFactory parserFactory() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory;
    }

    private static DocumentBuilderFactory documentFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /** Builds the DOM from SAX events, so every element can carry its position. */
    private static final class DomBuilder extends DefaultHandler {
        private final Document document;
        private final String text;
        private final int[] lineStarts;
        private final Deque<Node> open = new ArrayDeque<>();
        private final StringBuilder characters = new StringBuilder();
        private final List<String[]> pendingNamespaces = new ArrayList<>();
        private Locator locator;

        DomBuilder(Document document, String text) {
            this.document = document;
            this.text = text;
            this.lineStarts = text.lines().mapToInt(line -> 0).toArray();
            int line = 0;
            for (int i = 0; i < text.length() && line + 1 < lineStarts.length; i++) {
                if (text.charAt(i) == '\n') {
                    lineStarts[++line] = i + 1;
                }
            }
            open.push(document);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            pendingNamespaces.add(new String[] {prefix, uri});
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXParseException {
            try {
                addElement(uri, qName, attributes);
            } catch (DOMException e) {
                // XML allows names such as ":x" that namespaces do not; the DOM refuses them.
                int[] start = startTag(qName);
                String message = "<" + qName + "> is not a namespace-well-formed element: a name is empty"
                        + " or its prefix is undeclared";
                throw start == null
                        ? new SAXParseException(message, locator)
                        : new SAXParseException(message, null, null, start[0], start[1]);
            }
        }

        private void addElement(String uri, String qName, Attributes attributes) {
            flushCharacters();
            Element element = document.createElementNS(uri.isEmpty() ? null : uri, qName);
            // Keep the declarations, so QName values such as type="tns:Permit" can be resolved.
            for (String[] declaration : pendingNamespaces) {
                String name = declaration[0].isEmpty() ? "xmlns" : "xmlns:" + declaration[0];
                element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, name, declaration[1]);
            }
            pendingNamespaces.clear();
            for (int i = 0; i < attributes.getLength(); i++) {
                String attributeUri = attributes.getURI(i);
                element.setAttributeNS(attributeUri.isEmpty() ? null : attributeUri, attributes.getQName(i),
                        attributes.getValue(i));
            }
            markStart(element, qName);
            open.peek().appendChild(element);
            open.push(element);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flushCharacters();
            open.pop();
        }

        @Override
        public void characters(char[] chars, int start, int length) {
            characters.append(chars, start, length);
        }

        private void markStart(Element element, String qName) {
            int[] start = startTag(qName);
            if (start != null) {
                element.setUserData(LINE, start[0], null);
                element.setUserData(COLUMN, start[1], null);
            }
        }

        /** The 1-based line and column of the start tag just read: the locator points after it, so walk back to its '<'. */
        private int[] startTag(String qName) {
            if (locator == null || locator.getLineNumber() < 1 || locator.getLineNumber() > lineStarts.length) {
                return null;
            }
            int end = Math.min(text.length(), lineStarts[locator.getLineNumber() - 1] + Math.max(0, locator.getColumnNumber() - 1));
            int start = text.lastIndexOf("<" + qName, end);
            if (start < 0) {
                start = end;
            }
            int line = 0;
            while (line + 1 < lineStarts.length && lineStarts[line + 1] <= start) {
                line++;
            }
            return new int[] {line + 1, start - lineStarts[line] + 1};
        }

        private void flushCharacters() {
            if (characters.length() > 0 && open.peek() instanceof Element) {
                open.peek().appendChild(document.createTextNode(characters.toString()));
            }
            characters.setLength(0);
        }
    }
}
