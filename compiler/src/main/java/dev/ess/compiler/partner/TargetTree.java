package dev.ess.compiler.partner;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JType;
import com.sun.tools.xjc.model.CAttributePropertyInfo;
import com.sun.tools.xjc.model.CClassInfo;
import com.sun.tools.xjc.model.CElement;
import com.sun.tools.xjc.model.CElementInfo;
import com.sun.tools.xjc.model.CElementPropertyInfo;
import com.sun.tools.xjc.model.CEnumConstant;
import com.sun.tools.xjc.model.CEnumLeafInfo;
import com.sun.tools.xjc.model.CNonElement;
import com.sun.tools.xjc.model.CPropertyInfo;
import com.sun.tools.xjc.model.CReferencePropertyInfo;
import com.sun.tools.xjc.model.CTypeRef;
import com.sun.tools.xjc.model.CValuePropertyInfo;
import com.sun.tools.xjc.outline.Aspect;
import com.sun.tools.xjc.outline.ClassOutline;
import com.sun.tools.xjc.outline.FieldOutline;
import com.sun.tools.xjc.outline.Outline;
import com.sun.xml.xsom.XSAttributeUse;
import com.sun.xml.xsom.XSComplexType;
import com.sun.xml.xsom.XSComponent;
import com.sun.xml.xsom.XSElementDecl;
import com.sun.xml.xsom.XSFacet;
import com.sun.xml.xsom.XSModelGroup;
import com.sun.xml.xsom.XSSimpleType;
import com.sun.xml.xsom.XSType;
import dev.ess.compiler.diagnostic.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jakarta.activation.MimeType;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.xml.sax.Locator;

/**
 * Builds the target nodes of a request from XJC's outline, the very model the stubs were generated
 * from: class names, getters, setters, property types and {@code JAXBElement} wrapping come from
 * it, occurrences and facets from the schema components it was bound from.
 */
final class TargetTree {

    private final Outline outline;
    private final Function<Locator, Position> positions;
    private final Map<String, ClassOutline> classes = new HashMap<>();
    private final IdentityHashMap<XSModelGroup, Integer> choiceIds = new IdentityHashMap<>();

    TargetTree(Outline outline, Function<Locator, Position> positions) {
        this.outline = outline;
        this.positions = positions;
        for (ClassOutline type : outline.getClasses()) {
            classes.put(type.implClass.fullName(), type);
        }
    }

    /**
     * The root of a request part: an argument of the port method.
     *
     * @param declaration the part's element, or {@code null} for an rpc part, which has a type
     * @param type the part's schema type when known
     */
    TargetNode part(String name, JType javaType, XSElementDecl declaration, XSType type, Position position) {
        Slot slot = Slot.argument(JavaTypes.of(javaType));
        ClassOutline object = classes.get(javaType.fullName());
        if (object != null) {
            return object(name, Occurs.ONCE, false, slot, null, position, object);
        }
        try {
            XSType schemaType = declaration != null ? declaration.getType() : type;
            return value(name, Occurs.ONCE, false, slot, null, position, javaType, schemaType, null, null);
        } catch (InternalError e) {
            throw new UnresolvedSchemaException(position, name, e);
        }
    }

    private ObjectNode object(String name, Occurs occurs, boolean nillable, Slot slot, TargetNode.Choice choice,
            Position position, ClassOutline type) {
        return new ObjectNode(name, occurs, nillable, slot, choice, position, JavaTypes.className(type.implClass),
                () -> members(type));
    }

    private ObjectNode.Members members(ClassOutline type) {
        List<TargetNode> children = new ArrayList<>();
        ValueNode content = null;
        if (type.getSuperClass() != null) {
            ObjectNode.Members inherited = members(type.getSuperClass());
            children.addAll(inherited.children());
            content = inherited.content();
        }
        ContentModel model = ContentModel.of(complexType(type.target.getSchemaComponent()), choiceIds);
        for (FieldOutline field : type.getDeclaredFields()) {
            CPropertyInfo property = field.getPropertyInfo();
            Slot slot = slot(type.implClass, field);
            if (property instanceof CValuePropertyInfo) {
                XSComplexType complex = complexType(type.target.getSchemaComponent());
                XSType simple = complex == null ? null : complex.getContentType().asSimpleType();
                content = (ValueNode) value("", Occurs.ONCE, false, slot, null, position(property.getLocator()),
                        JavaTypes.item(field.getRawType()), simple, null, null);
            } else if (property instanceof CAttributePropertyInfo attribute) {
                children.add(attribute(attribute, field, slot));
            } else if (property instanceof CElementPropertyInfo elements) {
                children.addAll(elements(elements, field, slot, model));
            } else if (property instanceof CReferencePropertyInfo references) {
                children.addAll(references(references, field, slot, model));
            }
        }
        return new ObjectNode.Members(children, content);
    }

    private TargetNode attribute(CAttributePropertyInfo attribute, FieldOutline field, Slot slot) {
        XSAttributeUse use = (XSAttributeUse) attribute.getSchemaComponent();
        String name = "@" + attribute.getXmlName().getLocalPart();
        Occurs occurs = use.isRequired() ? Occurs.ONCE : Occurs.OPTIONAL;
        XSSimpleType type = use.getDecl().getType();
        CEnumLeafInfo enumeration = attribute.ref().stream()
                .filter(CEnumLeafInfo.class::isInstance).map(CEnumLeafInfo.class::cast).findFirst().orElse(null);
        return value(name, occurs, false, slot, null, position(use.getLocator()), JavaTypes.item(field.getRawType()),
                type, enumeration, null);
    }

    /** One node per element the property holds: several when it holds the branches of a choice. */
    private List<TargetNode> elements(CElementPropertyInfo property, FieldOutline field, Slot slot, ContentModel model) {
        List<TargetNode> nodes = new ArrayList<>();
        boolean branches = property.getTypes().size() > 1;
        for (CTypeRef reference : property.getTypes()) {
            QName tag = reference.getTagName();
            ContentModel.Use use = model.use(tag);
            Occurs occurs = occurs(property, use);
            TargetNode.Choice choice = use != null ? use.choice() : null;
            XSElementDecl declaration = use != null ? use.declaration() : null;
            Position position = position(declaration != null ? declaration.getLocator() : property.getLocator());
            JType item = branches ? reference.getTarget().toType(outline, Aspect.EXPOSED) : JavaTypes.item(field.getRawType());
            nodes.add(node(tag.getLocalPart(), occurs, reference.isNillable(), slot, choice, position,
                    reference.getTarget(), item, declaration, mimeType(property.getExpectedMimeType())));
        }
        return nodes;
    }

    /** Elements JAXB holds as {@code JAXBElement}s (optional nillable ones, element references), or wildcards. */
    private List<TargetNode> references(CReferencePropertyInfo property, FieldOutline field, Slot slot,
            ContentModel model) {
        List<TargetNode> nodes = new ArrayList<>();
        Occurs propertyOccurs = occurs(property, null);
        if (property.getWildcard() != null || property.isMixed()) {
            String what = property.isMixed() ? "mixed content (text between elements)" : "xs:any (any element)";
            nodes.add(new UnsupportedNode("xs:any", propertyOccurs, false, slot, null, position(property.getLocator()),
                    what, "ESS fills only elements the schema declares"));
        }
        for (CElement element : property.getElements()) {
            QName tag = element.getElementName();
            ContentModel.Use use = model.use(tag);
            Occurs occurs = occurs(property, use);
            TargetNode.Choice choice = use != null ? use.choice() : null;
            XSElementDecl declaration = use != null ? use.declaration() : null;
            Position position = position(declaration != null ? declaration.getLocator() : property.getLocator());
            if (element instanceof CElementInfo info) {
                if (info.getSubstitutionHead() != null || !info.getSubstitutionMembers().isEmpty()) {
                    nodes.add(new UnsupportedNode(tag.getLocalPart(), occurs, false, slot, choice, position,
                            "a substitution group", "ESS fills only elements the schema declares in place"));
                    continue;
                }
                Slot wrapped = new Slot(slot.getter(), slot.setter(), slot.type(),
                        new Slot.Wrapping(JavaTypes.className(outline.getPackageContext(info._package()).objectFactory()),
                                "create" + info.getSqueezedName()));
                JType item = info.getContentType().toType(outline, Aspect.EXPOSED);
                nodes.add(node(tag.getLocalPart(), occurs, declaration != null && declaration.isNillable(), wrapped,
                        choice, position, info.getContentType(), item, declaration, mimeType(info.getExpectedMimeType())));
            } else if (element instanceof CClassInfo root) {
                nodes.add(node(tag.getLocalPart(), occurs, false, slot, choice, position, root,
                        outline.getClazz(root).implClass, declaration, null));
            }
        }
        return nodes;
    }

    private TargetNode node(String name, Occurs occurs, boolean nillable, Slot slot, TargetNode.Choice choice,
            Position position, CNonElement target, JType item, XSElementDecl declaration, String contentType) {
        if (target instanceof CClassInfo object) {
            return object(name, occurs, nillable, slot, choice, position, outline.getClazz(object));
        }
        XSType type = declaration != null ? declaration.getType() : null;
        return value(name, occurs, nillable, slot, choice, position, item, type,
                target instanceof CEnumLeafInfo enumeration ? enumeration : null, contentType);
    }

    private static String mimeType(MimeType type) {
        return type == null ? null : type.toString();
    }

    private TargetNode value(String name, Occurs occurs, boolean nillable, Slot slot, TargetNode.Choice choice,
            Position position, JType item, XSType type, CEnumLeafInfo enumeration, String contentType) {
        XSSimpleType simple = type == null ? null
                : type.isSimpleType() ? type.asSimpleType()
                : type.asComplexType().getContentType().asSimpleType();
        if (type != null && simple == null) {
            return new UnsupportedNode(name, occurs, nillable, slot, choice, position, "an element of any content (xs:anyType)",
                    "ESS fills only elements of simple or declared complex types");
        }
        String builtin = simple == null ? builtinOf(item) : builtin(simple);
        if (builtin.equals("list") || builtin.equals("union") && !item.fullName().equals("java.lang.String")) {
            return new UnsupportedNode(name, occurs, nillable, slot, choice, position,
                    "a value of type xs:" + builtin, "ESS fills single values of simple types");
        }
        ClassName enumClass = enumeration == null ? null : JavaTypes.className(enumeration.toType(outline, Aspect.EXPOSED));
        TypeName javaType = enumClass != null ? enumClass : JavaTypes.of(item);
        Facets facets = simple == null ? Facets.NONE : facets(simple, enumeration);
        String typeName = simple != null && !simple.isLocal() && !XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(simple.getTargetNamespace())
                ? simple.getName() : null;
        Map<String, String> constants = new LinkedHashMap<>();
        if (enumeration != null) {
            enumeration.members.forEach(constant -> constants.put(constant.getLexicalValue(), constant.getName()));
        }
        return new ValueNode(name, occurs, nillable, slot, choice, position,
                new SimpleValue(javaType, builtin, typeName, facets, enumClass, constants, contentType));
    }

    private Slot slot(JDefinedClass owner, FieldOutline field) {
        String property = field.getPropertyInfo().getName(true);
        String getter = method(owner, "get" + property, 0) ? "get" + property : "is" + property;
        String setter = method(owner, "set" + property, 1) ? "set" + property : null;
        return new Slot(getter, setter, JavaTypes.of(field.getRawType()), null);
    }

    private static boolean method(JDefinedClass owner, String name, int parameters) {
        for (JMethod method : owner.methods()) {
            if (method.name().equals(name) && method.params().size() == parameters) {
                return true;
            }
        }
        return false;
    }

    private static Occurs occurs(CPropertyInfo property, ContentModel.Use use) {
        Occurs occurs;
        if (use != null) {
            occurs = use.occurs();
        } else {
            boolean required = property instanceof CElementPropertyInfo element && element.isRequired()
                    || property instanceof CReferencePropertyInfo reference && reference.isRequired();
            occurs = required ? Occurs.ONCE : Occurs.OPTIONAL;
        }
        // A property JAXB holds as a list repeats, whatever the particle it came from says on its own.
        return property.isCollection() && !occurs.isRepeated() ? new Occurs(occurs.min(), Occurs.UNBOUNDED) : occurs;
    }

    private static XSComplexType complexType(XSComponent component) {
        if (component instanceof XSComplexType complex) {
            return complex;
        }
        if (component instanceof XSElementDecl element && element.getType().isComplexType()) {
            return element.getType().asComplexType();
        }
        return null;
    }

    /** The XML Schema built-in a simple type derives from; {@code list} or {@code union} for those. */
    private static String builtin(XSSimpleType type) {
        for (XSSimpleType current = type; current != null; current = current.getSimpleBaseType()) {
            if (current.isList()) {
                return "list";
            }
            if (current.isUnion()) {
                return "union";
            }
            if (XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(current.getTargetNamespace()) && current.getName() != null) {
                return current.getName();
            }
        }
        return "anySimpleType";
    }

    /** Without a schema type (an rpc part of a built-in type), what JAXB's own mapping implies. */
    private static String builtinOf(JType type) {
        return switch (type.fullName()) {
            case "int", "java.lang.Integer" -> "int";
            case "long", "java.lang.Long" -> "long";
            case "short", "java.lang.Short" -> "short";
            case "byte", "java.lang.Byte" -> "byte";
            case "boolean", "java.lang.Boolean" -> "boolean";
            case "double", "java.lang.Double" -> "double";
            case "float", "java.lang.Float" -> "float";
            case "java.math.BigDecimal" -> "decimal";
            case "java.math.BigInteger" -> "integer";
            case "javax.xml.datatype.XMLGregorianCalendar" -> "dateTime";
            case "javax.xml.datatype.Duration" -> "duration";
            case "javax.xml.namespace.QName" -> "QName";
            case "byte[]" -> "base64Binary";
            default -> "string";
        };
    }

    private static Facets facets(XSSimpleType type, CEnumLeafInfo enumeration) {
        List<String> values = new ArrayList<>();
        if (enumeration != null) {
            for (CEnumConstant constant : enumeration.members) {
                values.add(constant.getLexicalValue());
            }
        } else {
            declared(type, XSFacet.FACET_ENUMERATION).forEach(facet -> values.add(facet.getValue().value));
        }
        List<String> patterns = declared(type, XSFacet.FACET_PATTERN).stream().map(f -> f.getValue().value).toList();
        Integer length = integer(type, XSFacet.FACET_LENGTH);
        return new Facets(
                length != null ? length : integer(type, XSFacet.FACET_MINLENGTH),
                length != null ? length : integer(type, XSFacet.FACET_MAXLENGTH),
                decimal(type, XSFacet.FACET_MININCLUSIVE),
                decimal(type, XSFacet.FACET_MAXINCLUSIVE),
                decimal(type, XSFacet.FACET_MINEXCLUSIVE),
                decimal(type, XSFacet.FACET_MAXEXCLUSIVE),
                integer(type, XSFacet.FACET_TOTALDIGITS),
                integer(type, XSFacet.FACET_FRACTIONDIGITS),
                values,
                patterns);
    }

    private static Integer integer(XSSimpleType type, String name) {
        BigDecimal value = decimal(type, name);
        try {
            return value == null ? null : value.intValueExact();
        } catch (ArithmeticException e) {
            return null; // a length beyond any value ESS could send
        }
    }

    /**
     * The facets of a name the schema's own types declare, the nearest first: the bounds XML Schema
     * gives its built-ins (xs:int's range) are the Java type's anyway.
     */
    private static List<XSFacet> declared(XSSimpleType type, String name) {
        for (XSSimpleType current = type; current != null && !isBuiltin(current); current = current.getSimpleBaseType()) {
            if (current.isRestriction()) {
                List<XSFacet> facets = current.asRestriction().getDeclaredFacets(name);
                if (!facets.isEmpty()) {
                    return facets;
                }
            }
        }
        return List.of();
    }

    private static boolean isBuiltin(XSSimpleType type) {
        return XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(type.getTargetNamespace());
    }

    /** A facet's value when it is a number; bounds of dates and durations are left to the partner. */
    private static BigDecimal decimal(XSSimpleType type, String name) {
        List<XSFacet> facets = declared(type, name);
        XSFacet facet = facets.isEmpty() ? null : facets.get(0);
        if (facet == null) {
            return null;
        }
        try {
            return new BigDecimal(facet.getValue().value.strip());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private Position position(Locator locator) {
        return positions.apply(locator);
    }
}
