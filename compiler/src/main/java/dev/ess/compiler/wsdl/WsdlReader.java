package dev.ess.compiler.wsdl;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.SourceText;
import dev.ess.compiler.diagnostic.Suggestions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a WSDL 1.1 document: finds the SOAP port whose port type has the manifest's operation,
 * and resolves that operation's request, response and fault elements.
 */
public final class WsdlReader {

    static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    static final String SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    static final String SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

    private final Diagnostics diagnostics;

    public WsdlReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param wsdlReference where the WSDL is named, for a missing file
     * @param operationReference where the operation is named, for an unknown operation
     */
    public Optional<SoapTarget> read(Path file, Position wsdlReference, String operationName, Position operationReference) {
        Optional<Document> document = parse(file, wsdlReference);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        Element definitions = document.get().getDocumentElement();
        XsdResolver schema = new XsdResolver(file, diagnostics);
        if (!WSDL.equals(definitions.getNamespaceURI()) || !"definitions".equals(definitions.getLocalName())) {
            diagnostics.report(DiagnosticCode.WSDL_MALFORMED, schema.position(definitions),
                    "the root element is <" + definitions.getTagName() + ">, expected WSDL 1.1 <definitions>");
            return Optional.empty();
        }
        int errorsBefore = diagnostics.errorCount();
        for (Element types : Dom.children(definitions, WSDL, "types")) {
            Dom.children(types, XsdResolver.XSD, "schema").forEach(schema::addSchema);
        }
        Optional<SoapTarget> target = new Definitions(file, definitions, schema).target(operationName, operationReference);
        return diagnostics.errorCount() > errorsBefore ? Optional.empty() : target;
    }

    private Optional<Document> parse(Path file, Position wsdlReference) {
        try {
            return Optional.of(SecureXml.parse(file));
        } catch (NoSuchFileException e) {
            diagnostics.reportWithHint(DiagnosticCode.FILE_NOT_FOUND, wsdlReference,
                    "the path is relative to the manifest's folder", file.getFileName());
        } catch (SourceText.NotUtf8Exception e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, e.position(), file.getFileName(), e.getMessage());
        } catch (SecureXml.EmptyFileException e) {
            diagnostics.reportWithHint(DiagnosticCode.WSDL_MALFORMED, Position.of(file),
                    "save the partner's WSDL document into it", "the file is empty");
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

    /** The named parts of one WSDL document. */
    private final class Definitions {
        private final Path file;
        private final XsdResolver schema;
        private final String targetNamespace;
        private final Map<String, Element> messages = new LinkedHashMap<>();
        private final Map<String, Element> portTypes = new LinkedHashMap<>();
        private final Map<String, Element> bindings = new LinkedHashMap<>();
        private final List<Element> services;

        Definitions(Path file, Element definitions, XsdResolver schema) {
            this.file = file;
            this.schema = schema;
            this.targetNamespace = definitions.getAttribute("targetNamespace");
            Dom.children(definitions, WSDL, "message").forEach(m -> messages.put(m.getAttribute("name"), m));
            Dom.children(definitions, WSDL, "portType").forEach(p -> portTypes.put(p.getAttribute("name"), p));
            Dom.children(definitions, WSDL, "binding").forEach(b -> bindings.put(b.getAttribute("name"), b));
            this.services = Dom.children(definitions, WSDL, "service");
        }

        Optional<SoapTarget> target(String operationName, Position operationReference) {
            List<String> operationNames = new ArrayList<>();
            for (Element service : services) {
                for (Element port : Dom.children(service, WSDL, "port")) {
                    Element binding = bindings.get(schema.qname(port, port.getAttribute("binding")).getLocalPart());
                    if (binding == null || soapBinding(binding).isEmpty()) {
                        continue;
                    }
                    String portTypeName = schema.qname(binding, binding.getAttribute("type")).getLocalPart();
                    Element portType = portTypes.get(portTypeName);
                    if (portType == null) {
                        continue;
                    }
                    for (Element operation : Dom.children(portType, WSDL, "operation")) {
                        operationNames.add(operation.getAttribute("name"));
                        if (operation.getAttribute("name").equals(operationName)) {
                            return operation(binding, operation).map(resolved -> new SoapTarget(
                                    file, targetNamespace, service.getAttribute("name"), port.getAttribute("name"),
                                    portTypeName, Dom.children(portType, WSDL, "operation").stream()
                                            .map(o -> o.getAttribute("name")).toList(),
                                    resolved));
                        }
                    }
                }
            }
            if (operationNames.isEmpty()) {
                diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, Position.of(file), "a WSDL without a <service> SOAP port");
                return Optional.empty();
            }
            String hint = Suggestions.didYouMean(operationName, operationNames);
            diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_OPERATION, operationReference,
                    hint != null ? hint : "operations: " + String.join(", ", operationNames.stream().distinct().sorted().toList()),
                    operationName, file.getFileName());
            return Optional.empty();
        }

        private Optional<Element> soapBinding(Element binding) {
            return Dom.child(binding, SOAP11, "binding").or(() -> Dom.child(binding, SOAP12, "binding"));
        }

        private Optional<WsdlOperation> operation(Element binding, Element operation) {
            String name = operation.getAttribute("name");
            if (!isDocumentLiteral(binding, name)) {
                diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, schema.position(binding),
                        "operation '" + name + "' is not document/literal");
                return Optional.empty();
            }
            Optional<Element> input = Dom.child(operation, WSDL, "input");
            if (input.isEmpty()) {
                diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, schema.position(operation),
                        "operation '" + name + "' has no input");
                return Optional.empty();
            }
            Optional<XmlElement> request = messageElement(input.get());
            Optional<Element> outputDeclaration = Dom.child(operation, WSDL, "output");
            Optional<XmlElement> response = outputDeclaration.flatMap(this::messageElement);
            List<WsdlFault> faults = new ArrayList<>();
            for (Element fault : Dom.children(operation, WSDL, "fault")) {
                String messageName = schema.qname(fault, fault.getAttribute("message")).getLocalPart();
                messageElement(fault).ifPresent(element ->
                        faults.add(new WsdlFault(fault.getAttribute("name"), messageName, element)));
            }
            if (request.isEmpty() || outputDeclaration.isPresent() && response.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new WsdlOperation(name, request.get(), response, faults));
        }

        private boolean isDocumentLiteral(Element binding, String operationName) {
            String style = soapBinding(binding).map(b -> b.getAttribute("style")).orElse("");
            for (Element operation : Dom.children(binding, WSDL, "operation")) {
                if (!operation.getAttribute("name").equals(operationName)) {
                    continue;
                }
                for (Element child : Dom.children(operation)) {
                    boolean soap = SOAP11.equals(child.getNamespaceURI()) || SOAP12.equals(child.getNamespaceURI());
                    if (soap && "operation".equals(child.getLocalName()) && child.hasAttribute("style")) {
                        style = child.getAttribute("style");
                    }
                    for (Element body : Dom.children(child)) {
                        boolean soapBody = SOAP11.equals(body.getNamespaceURI()) || SOAP12.equals(body.getNamespaceURI());
                        if (soapBody && "encoded".equals(body.getAttribute("use"))) {
                            return false;
                        }
                    }
                }
            }
            return style.isEmpty() || "document".equals(style);
        }

        /** The single element part of the message an input, output or fault refers to. */
        private Optional<XmlElement> messageElement(Element reference) {
            QName messageName = schema.qname(reference, reference.getAttribute("message"));
            Element message = messages.get(messageName.getLocalPart());
            if (message == null) {
                diagnostics.report(DiagnosticCode.XSD_UNRESOLVED, schema.position(reference), "message",
                        messageName.getLocalPart());
                return Optional.empty();
            }
            List<Element> parts = Dom.children(message, WSDL, "part");
            if (parts.size() != 1 || !parts.get(0).hasAttribute("element")) {
                diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, schema.position(message),
                        "message '" + messageName.getLocalPart() + "' must have exactly one part with element=");
                return Optional.empty();
            }
            Element part = parts.get(0);
            return schema.topLevelElement(schema.qname(part, part.getAttribute("element")), part);
        }
    }
}
