package dev.ess.compiler.partner;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.SourceText;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the documents a WSDL is made of: the WSDL and every WSDL or schema it imports or includes,
 * directly or through another. ESS reads nothing from the network at build time, so every location
 * must be a relative path to a file inside the folder the WSDL may draw on; a remote, absolute or
 * escaping location is reported where it is written, and so is a missing file.
 */
public final class WsdlDocuments {

    static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    static final String WSDL_20 = "http://www.w3.org/ns/wsdl";
    static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    static final String SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    static final String SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

    /**
     * Spring-WS writes the SOAP/HTTP transport with a trailing slash, which wsimport does not
     * recognise, so it would skip the port. Both spellings mean the same transport.
     */
    private static final Pattern SPRING_WS_TRANSPORT =
            Pattern.compile("transport\\s*=\\s*([\"'])http://schemas\\.xmlsoap\\.org/soap/http/\\1");

    /** The transports of SOAP over HTTP, as WSDLs write them (after the Spring-WS spelling is mended). */
    private static final Set<String> HTTP_TRANSPORTS = Set.of("http://schemas.xmlsoap.org/soap/http",
            "http://www.w3.org/2003/05/soap/bindings/HTTP/", "http://www.w3.org/2003/05/soap/bindings/HTTP");

    private final Diagnostics diagnostics;

    public WsdlDocuments(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param wsdl the WSDL the manifest names
     * @param folder the folder its documents must lie in
     * @param reference where the manifest names the WSDL, for a missing file
     * @return the documents, or empty when one of them cannot be used (reported)
     */
    public Optional<WsdlSources> read(Path wsdl, Path folder, Position reference) {
        Path root = wsdl.toAbsolutePath().normalize();
        Path boundary = folder.toAbsolutePath().normalize();
        int errorsBefore = diagnostics.errorCount();
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        SortedSet<String> namespaces = new TreeSet<>();
        Set<QName> soap12Bindings = new HashSet<>();
        Set<QName> offHttpBindings = new HashSet<>();
        Deque<Path> pending = new ArrayDeque<>();
        Set<Path> chameleons = new HashSet<>();
        pending.add(root);
        String targetNamespace = "";
        while (!pending.isEmpty()) {
            Path file = pending.removeFirst();
            if (contents.containsKey(file)) {
                continue;
            }
            Optional<Document> document = parse(file, file.equals(root) ? reference : null, contents);
            if (document.isEmpty()) {
                continue;
            }
            Element top = document.get().getDocumentElement();
            if (file.equals(root)) {
                if (!isWsdl11(top)) {
                    reportNotWsdl11(file, top);
                    return Optional.empty();
                }
                targetNamespace = top.getAttribute("targetNamespace");
            }
            for (Element schema : schemas(top)) {
                // An included schema without a namespace takes its includer's: it adds no namespace of its own.
                if (!chameleons.contains(file) || schema.hasAttribute("targetNamespace")) {
                    namespaces.add(schema.getAttribute("targetNamespace"));
                }
            }
            Optional<Element> encoded = encodedBody(top);
            if (encoded.isPresent()) {
                diagnostics.reportWithHint(DiagnosticCode.RPC_ENCODED, SecureXml.position(file, encoded.get()),
                        "ask the partner for a document/literal (or rpc/literal) binding of the service:"
                                + " SOAP encoding was dropped by WS-I Basic Profile and JAX-WS");
                return Optional.empty();
            }
            for (Element binding : Dom.children(top, WSDL, "binding")) {
                QName name = new QName(top.getAttribute("targetNamespace"), binding.getAttribute("name"));
                List<Element> soap12 = Dom.children(binding, SOAP12, "binding");
                if (!soap12.isEmpty()) {
                    soap12Bindings.add(name);
                }
                for (Element soap : soap12.isEmpty() ? Dom.children(binding, SOAP11, "binding") : soap12) {
                    if (!HTTP_TRANSPORTS.contains(soap.getAttribute("transport").strip())) {
                        offHttpBindings.add(name);
                    }
                }
            }
            for (Element referenced : references(top)) {
                Optional<Path> next = resolve(file, referenced, boundary);
                next.ifPresent(pending::add);
                if (next.isPresent() && "include".equals(referenced.getLocalName())) {
                    chameleons.add(next.get());
                }
            }
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new WsdlSources(root, contents, namespaces, targetNamespace, soap12Bindings, offHttpBindings));
    }

    /** The document as ESS serves it to wsimport and packages it; empty when it is unusable (reported). */
    private Optional<Document> parse(Path file, Position missingAt, Map<Path, byte[]> contents) {
        try {
            String text = SourceText.read(file);
            if (text.isBlank()) {
                diagnostics.reportWithHint(DiagnosticCode.WSDL_MALFORMED, Position.of(file),
                        "save the partner's WSDL document into it", "the file is empty");
                return Optional.empty();
            }
            String served = SPRING_WS_TRANSPORT.matcher(text).replaceAll("transport=$1http://schemas.xmlsoap.org/soap/http$1");
            Document document = SecureXml.parse(file, served);
            String packaged = withoutRepeatedDeclarations(served, document, file);
            contents.put(file, packaged.getBytes(StandardCharsets.UTF_8));
            return Optional.of(packaged.equals(served) ? document : SecureXml.parse(file, packaged));
        } catch (NoSuchFileException e) {
            if (missingAt != null) {
                diagnostics.reportWithHint(DiagnosticCode.FILE_NOT_FOUND, missingAt,
                        "the path is relative to the manifest's folder", file.getFileName());
            }
        } catch (SourceText.NotUtf8Exception e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, e.position(), file.getFileName(), e.getMessage());
        } catch (SAXParseException e) {
            String message = e.getMessage() == null ? "not well-formed XML" : e.getMessage();
            boolean doctype = message.contains("DOCTYPE");
            boolean truncated = message.contains("Premature end of file") || message.contains("same entity");
            diagnostics.reportWithHint(DiagnosticCode.WSDL_MALFORMED,
                    new Position(file, Math.max(0, e.getLineNumber()), Math.max(0, e.getColumnNumber())),
                    doctype ? "remove the DOCTYPE: ESS never reads DTDs or external entities"
                            : truncated ? "the document ends too early: is the file complete?" : null,
                    doctype ? "a DOCTYPE is not allowed" : message);
        } catch (SAXException e) {
            diagnostics.report(DiagnosticCode.WSDL_MALFORMED, Position.of(file), e.getMessage());
        } catch (IOException e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, Position.of(file), file.getFileName(), e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * A schema inside a WSDL that declares again a namespace prefix its WSDL already declares, with
     * the same namespace: the declaration says nothing, but JAX-WS's check of requests against the
     * schema copies the WSDL's declarations onto the schema and then cannot read it. ESS drops
     * such a declaration from the copy it serves and packages.
     */
    private static String withoutRepeatedDeclarations(String text, Document document, Path file) {
        Element top = document.getDocumentElement();
        if (!isWsdl11(top)) {
            return text;
        }
        List<Element> schemas = new ArrayList<>();
        schemas(top).forEach(schemas::add);
        int[] lineStarts = text.lines().mapToInt(line -> 0).toArray();
        for (int i = 0, line = 0; i < text.length() && line + 1 < lineStarts.length; i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[++line] = i + 1;
            }
        }
        StringBuilder result = new StringBuilder(text);
        for (int s = schemas.size() - 1; s >= 0; s--) {
            Element schema = schemas.get(s);
            Position at = SecureXml.position(file, schema);
            if (!at.hasLine() || at.line() > lineStarts.length) {
                continue;
            }
            int start = lineStarts[at.line() - 1] + at.column() - 1;
            int end = result.indexOf(">", start);
            String tag = result.substring(start, end);
            NamedNodeMap attributes = schema.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Node attribute = attributes.item(a);
                String prefix = attribute.getPrefix() == null ? null : attribute.getLocalName();
                boolean declaration = XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI());
                if (declaration && prefix != null
                        && attribute.getNodeValue().equals(schema.getParentNode().lookupNamespaceURI(prefix))) {
                    tag = tag.replaceFirst("\\s+xmlns:" + Pattern.quote(prefix) + "\\s*=\\s*([\"'])"
                            + Pattern.quote(attribute.getNodeValue()) + "\\1", "");
                }
            }
            result.replace(start, end, tag);
        }
        return result.toString();
    }

    private static boolean isWsdl11(Element top) {
        return WSDL.equals(top.getNamespaceURI()) && "definitions".equals(top.getLocalName());
    }

    private void reportNotWsdl11(Path file, Element top) {
        Position at = SecureXml.position(file, top);
        if (WSDL_20.equals(top.getNamespaceURI())) {
            diagnostics.reportWithHint(DiagnosticCode.WSDL_VERSION_UNSUPPORTED, at,
                    "ask the partner for a WSDL 1.1 description of the service; most services that publish"
                            + " WSDL 2.0 can also describe themselves in WSDL 1.1");
            return;
        }
        diagnostics.report(DiagnosticCode.WSDL_MALFORMED, at,
                "the root element is <" + top.getTagName() + ">, expected WSDL 1.1 <definitions>");
    }

    /** The first SOAP body or header of a binding that uses SOAP encoding, which JAX-WS cannot call. */
    private static Optional<Element> encodedBody(Element top) {
        for (Element binding : Dom.children(top, WSDL, "binding")) {
            for (Element operation : Dom.children(binding, WSDL, "operation")) {
                for (Element message : Dom.children(operation)) {
                    for (Element extension : Dom.children(message)) {
                        boolean soap = SOAP11.equals(extension.getNamespaceURI()) || SOAP12.equals(extension.getNamespaceURI());
                        if (soap && "encoded".equals(extension.getAttribute("use"))) {
                            return Optional.of(extension);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The schemas a document declares: itself, or those inside its {@code <types>}. */
    private static Iterable<Element> schemas(Element top) {
        if (XSD.equals(top.getNamespaceURI()) && "schema".equals(top.getLocalName())) {
            return List.of(top);
        }
        List<Element> schemas = new ArrayList<>();
        for (Element types : Dom.children(top, WSDL, "types")) {
            schemas.addAll(Dom.children(types, XSD, "schema"));
        }
        return schemas;
    }

    /** Every import, include and redefine that names a location. */
    private static Iterable<Element> references(Element top) {
        List<Element> references = new ArrayList<>();
        for (Element wsdlImport : Dom.children(top, WSDL, "import")) {
            if (wsdlImport.hasAttribute("location")) {
                references.add(wsdlImport);
            }
        }
        for (Element schema : schemas(top)) {
            for (Element child : Dom.children(schema)) {
                boolean reference = XSD.equals(child.getNamespaceURI())
                        && Set.of("import", "include", "redefine").contains(child.getLocalName());
                if (reference && child.hasAttribute("schemaLocation")) {
                    references.add(child);
                }
            }
        }
        return references;
    }

    /** The local file a reference names, or empty when it names none ESS may read (reported). */
    private Optional<Path> resolve(Path from, Element reference, Path boundary) {
        String attribute = WSDL.equals(reference.getNamespaceURI()) ? "location" : "schemaLocation";
        String location = reference.getAttribute(attribute).strip();
        String what = (WSDL.equals(reference.getNamespaceURI()) ? "wsdl:" : "xs:") + reference.getLocalName();
        Position at = SecureXml.position(from, reference);
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            diagnostics.report(DiagnosticCode.WSDL_MALFORMED, at, what + " location '" + location + "' is not a URI");
            return Optional.empty();
        }
        if (uri.isAbsolute() || location.startsWith("/") || location.startsWith("\\") || uri.getRawQuery() != null) {
            diagnostics.reportWithHint(DiagnosticCode.REMOTE_DOCUMENT, at,
                    "save that document as a file beside " + from.getFileName() + " and write its relative path here,"
                            + " for example " + attribute + "=\"" + suggestedName(uri) + "\"",
                    what, location);
            return Optional.empty();
        }
        Path file;
        try {
            file = from.getParent().resolve(uri.getPath()).normalize();
        } catch (InvalidPathException e) {
            diagnostics.report(DiagnosticCode.WSDL_MALFORMED, at, what + " location '" + location + "' is not a file path");
            return Optional.empty();
        }
        if (!file.startsWith(boundary)) {
            diagnostics.reportWithHint(DiagnosticCode.DOCUMENT_OUTSIDE_FOLDER, at,
                    "copy it into " + diagnostics.display(boundary) + " and name it by a path inside that folder",
                    what, location, diagnostics.display(boundary));
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            diagnostics.reportWithHint(DiagnosticCode.FILE_NOT_FOUND, at,
                    "the path is relative to " + from.getFileName() + "; save the partner's document there",
                    location);
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** A file name to save a remote document as, from its URL: {@code ...Service.svc?xsd=xsd0 -> xsd0.xsd}. */
    private static String suggestedName(URI uri) {
        String query = uri.getRawQuery();
        if (query != null && query.contains("=")) {
            String value = query.substring(query.lastIndexOf('=') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
            String extension = query.toLowerCase(Locale.ROOT).startsWith("wsdl") ? ".wsdl" : ".xsd";
            return value.endsWith(".xsd") || value.endsWith(".wsdl") ? value : value + extension;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "imported.xsd" : name;
    }
}
