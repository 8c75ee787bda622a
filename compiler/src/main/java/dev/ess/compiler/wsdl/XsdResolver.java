package dev.ess.compiler.wsdl;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * Resolves the XML Schema inside a WSDL's {@code <types>} into the target type tree: sequences,
 * nested and named complex types, restricted simple types and occurrence bounds.
 */
final class XsdResolver {

    static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    private final Path file;
    private final Diagnostics diagnostics;
    private final Map<QName, Element> elements = new HashMap<>();
    private final Map<QName, Element> complexTypes = new HashMap<>();
    private final Map<QName, Element> simpleTypes = new HashMap<>();
    private final Set<QName> typesInProgress = new HashSet<>();
    private final Set<QName> elementsInProgress = new HashSet<>();

    XsdResolver(Path file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /** Indexes a schema's top-level declarations. */
    void addSchema(Element schema) {
        String namespace = schema.getAttribute("targetNamespace");
        for (Element child : Dom.children(schema)) {
            if (!XSD.equals(child.getNamespaceURI())) {
                continue;
            }
            QName name = new QName(namespace, child.getAttribute("name"));
            switch (child.getLocalName()) {
                case "element" -> elements.put(name, child);
                case "complexType" -> complexTypes.put(name, child);
                case "simpleType" -> simpleTypes.put(name, child);
                case "import", "include", "redefine" -> {
                    if (child.hasAttribute("schemaLocation")) {
                        diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, position(child),
                                "a schema in another file (" + child.getAttribute("schemaLocation") + ")");
                    }
                }
                default -> {
                    // annotations, attributes and groups declare nothing a mapping can target
                }
            }
        }
    }

    /** A top-level element by name, reported at {@code reference} when missing. */
    Optional<XmlElement> topLevelElement(QName name, Element reference) {
        Element declaration = elements.get(name);
        if (declaration == null) {
            diagnostics.report(DiagnosticCode.XSD_UNRESOLVED, position(reference), "element", name.getLocalPart());
            return Optional.empty();
        }
        return element(declaration, 1, 1);
    }

    QName qname(Element context, String value) {
        int colon = value.indexOf(':');
        String prefix = colon < 0 ? null : value.substring(0, colon);
        String namespace = context.lookupNamespaceURI(prefix);
        return new QName(namespace == null ? "" : namespace, value.substring(colon + 1));
    }

    Position position(Element element) {
        return new Position(file, SecureXml.line(element), SecureXml.column(element));
    }

    private Optional<XmlElement> element(Element declaration, int minOccurs, int maxOccurs) {
        if (declaration.hasAttribute("ref")) {
            QName reference = qname(declaration, declaration.getAttribute("ref"));
            Element referenced = elements.get(reference);
            if (referenced == null) {
                diagnostics.report(DiagnosticCode.XSD_UNRESOLVED, position(declaration), "element", reference.getLocalPart());
                return Optional.empty();
            }
            if (!elementsInProgress.add(reference)) {
                diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, position(declaration),
                        "element '" + reference.getLocalPart() + "' contains itself");
                return Optional.empty();
            }
            try {
                return element(referenced, occurs(declaration, "minOccurs"), occurs(declaration, "maxOccurs"));
            } finally {
                elementsInProgress.remove(reference);
            }
        }
        boolean topLevel = Dom.isSchema(declaration.getParentNode());
        int min = topLevel ? minOccurs : occurs(declaration, "minOccurs");
        int max = topLevel ? maxOccurs : occurs(declaration, "maxOccurs");
        Optional<XmlType> type = elementType(declaration);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new XmlElement(
                declaration.getAttribute("name"),
                namespaceOf(declaration),
                type.get(),
                min,
                max,
                "true".equals(declaration.getAttribute("nillable")),
                position(declaration)));
    }

    private Optional<XmlType> elementType(Element declaration) {
        if (declaration.hasAttribute("type")) {
            return type(qname(declaration, declaration.getAttribute("type")), declaration);
        }
        Optional<Element> complex = Dom.child(declaration, XSD, "complexType");
        if (complex.isPresent()) {
            return complexType(complex.get(), null).map(XmlType.class::cast);
        }
        Optional<Element> simple = Dom.child(declaration, XSD, "simpleType");
        if (simple.isPresent()) {
            return simpleType(simple.get(), null).map(XmlType.class::cast);
        }
        return Optional.of(new SimpleType(null, null, "anyType", Facets.NONE));
    }

    private Optional<XmlType> type(QName name, Element reference) {
        if (XSD.equals(name.getNamespaceURI())) {
            return Optional.of(new SimpleType(null, BuiltinType.named(name.getLocalPart()).orElse(null),
                    name.getLocalPart(), Facets.NONE));
        }
        Element complex = complexTypes.get(name);
        if (complex != null) {
            return namedType(name, () -> complexType(complex, name.getLocalPart()));
        }
        Element simple = simpleTypes.get(name);
        if (simple != null) {
            return namedType(name, () -> simpleType(simple, name.getLocalPart()));
        }
        diagnostics.report(DiagnosticCode.XSD_UNRESOLVED, position(reference), "type", name.getLocalPart());
        return Optional.empty();
    }

    private Optional<XmlType> namedType(QName name, Supplier<Optional<? extends XmlType>> resolve) {
        if (!typesInProgress.add(name)) {
            diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, position(complexTypes.getOrDefault(name, simpleTypes.get(name))),
                    "type '" + name.getLocalPart() + "' contains itself");
            return Optional.empty();
        }
        try {
            return resolve.get().map(XmlType.class::cast);
        } finally {
            typesInProgress.remove(name);
        }
    }

    private Optional<ComplexType> complexType(Element declaration, String name) {
        List<XmlElement> children = new ArrayList<>();
        boolean complete = true;
        for (Element content : Dom.children(declaration)) {
            if (!XSD.equals(content.getNamespaceURI())) {
                continue;
            }
            switch (content.getLocalName()) {
                case "sequence", "all", "choice" -> complete &= particles(content, children, false);
                case "complexContent" -> complete &= complexContent(content, children);
                case "simpleContent" -> {
                    diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, position(content), "simpleContent");
                    complete = false;
                }
                default -> {
                    // attributes and annotations: a mapping cannot target them
                }
            }
        }
        return complete ? Optional.of(new ComplexType(name, children)) : Optional.empty();
    }

    private boolean complexContent(Element content, List<XmlElement> children) {
        Optional<Element> extension = Dom.child(content, XSD, "extension");
        if (extension.isEmpty()) {
            diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, position(content), "complexContent other than extension");
            return false;
        }
        Optional<XmlType> base = type(qname(extension.get(), extension.get().getAttribute("base")), extension.get());
        if (base.isEmpty()) {
            return false;
        }
        if (base.get() instanceof ComplexType complexBase) {
            children.addAll(complexBase.elements());
        }
        boolean complete = true;
        for (Element particle : Dom.children(extension.get())) {
            if (XSD.equals(particle.getNamespaceURI()) && List.of("sequence", "all", "choice").contains(particle.getLocalName())) {
                complete &= particles(particle, children, false);
            }
        }
        return complete;
    }

    /** The elements of a model group; those of a choice are each optional, as JAXB maps them. */
    private boolean particles(Element group, List<XmlElement> children, boolean optional) {
        boolean choice = optional || "choice".equals(group.getLocalName());
        boolean complete = true;
        for (Element particle : Dom.children(group)) {
            if (!XSD.equals(particle.getNamespaceURI())) {
                continue;
            }
            switch (particle.getLocalName()) {
                case "element" -> {
                    Optional<XmlElement> element = element(particle, 1, 1);
                    element.map(e -> choice ? new XmlElement(e.name(), e.namespace(), e.type(), 0, e.maxOccurs(),
                            e.nillable(), e.position()) : e).ifPresent(children::add);
                    complete &= element.isPresent();
                }
                case "sequence", "choice", "all" -> complete &= particles(particle, children, choice);
                case "group" -> {
                    diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, position(particle), "model group references");
                    complete = false;
                }
                default -> {
                    // xs:any and annotations: a mapping cannot target them
                }
            }
        }
        return complete;
    }

    private Optional<SimpleType> simpleType(Element declaration, String name) {
        Optional<Element> restriction = Dom.child(declaration, XSD, "restriction");
        if (restriction.isEmpty()) {
            return Optional.of(new SimpleType(name, null, "anySimpleType", Facets.NONE));
        }
        Element rule = restriction.get();
        Optional<XmlType> base = rule.hasAttribute("base")
                ? type(qname(rule, rule.getAttribute("base")), rule)
                : Dom.child(rule, XSD, "simpleType").flatMap(inner -> simpleType(inner, null));
        if (base.isEmpty()) {
            return Optional.empty();
        }
        if (!(base.get() instanceof SimpleType simpleBase)) {
            diagnostics.report(DiagnosticCode.WSDL_UNSUPPORTED, position(rule), "a simple type restricting a complex type");
            return Optional.empty();
        }
        Facets facets = simpleBase.facets().narrowedBy(facets(rule));
        return Optional.of(new SimpleType(name, simpleBase.builtin(), simpleBase.xsdBase(), facets));
    }

    private Facets facets(Element restriction) {
        Integer minLength = null;
        Integer maxLength = null;
        BigDecimal minInclusive = null;
        BigDecimal maxInclusive = null;
        Integer totalDigits = null;
        Integer fractionDigits = null;
        List<String> enumeration = new ArrayList<>();
        for (Element facet : Dom.children(restriction)) {
            if ("enumeration".equals(facet.getLocalName())) {
                // An enumeration value is compared as written: spaces in it count.
                enumeration.add(facet.getAttribute("value"));
                continue;
            }
            String value = facet.getAttribute("value").strip();
            try {
                switch (facet.getLocalName()) {
                    case "length" -> {
                        minLength = Integer.valueOf(value);
                        maxLength = minLength;
                    }
                    case "minLength" -> minLength = Integer.valueOf(value);
                    case "maxLength" -> maxLength = Integer.valueOf(value);
                    case "minInclusive" -> minInclusive = new BigDecimal(value);
                    case "maxInclusive" -> maxInclusive = new BigDecimal(value);
                    case "totalDigits" -> totalDigits = Integer.valueOf(value);
                    case "fractionDigits" -> fractionDigits = Integer.valueOf(value);
                    default -> {
                        // patterns and exclusive bounds are left to the partner to enforce
                    }
                }
            } catch (NumberFormatException e) {
                diagnostics.report(DiagnosticCode.WSDL_MALFORMED, position(facet),
                        facet.getLocalName() + " value '" + value + "' is not a number");
            }
        }
        return new Facets(minLength, maxLength, minInclusive, maxInclusive, totalDigits, fractionDigits, enumeration);
    }

    private static int occurs(Element declaration, String attribute) {
        String value = declaration.getAttribute(attribute).strip();
        if (value.isEmpty()) {
            return 1;
        }
        if ("unbounded".equals(value)) {
            return -1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String namespaceOf(Element declaration) {
        Element schema = declaration;
        while (schema != null && !Dom.isSchema(schema)) {
            schema = schema.getParentNode() instanceof Element parent ? parent : null;
        }
        return schema == null ? "" : schema.getAttribute("targetNamespace");
    }
}
