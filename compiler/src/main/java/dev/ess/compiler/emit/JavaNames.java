package dev.ess.compiler.emit;

import com.palantir.javapoet.ClassName;
import dev.ess.compiler.wsdl.ComplexType;
import dev.ess.compiler.wsdl.SimpleType;
import dev.ess.compiler.wsdl.SoapTarget;
import dev.ess.compiler.wsdl.WsdlFault;
import dev.ess.compiler.wsdl.XmlElement;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;
import org.glassfish.jaxb.core.api.impl.NameConverter;

/**
 * Java names, spelled the way JAXB and JAX-WS spell them, so generated connectors call the
 * stubs wsimport writes: {@code ID -> setID}, port {@code PermitPort -> getPermitPort()}.
 */
public final class JavaNames {

    private static final NameConverter JAXB = NameConverter.standard;

    private final String stubPackage;
    private final Set<String> stubClasses;

    /**
     * @param stubClasses simple names of the classes wsimport generated, to follow the renames
     *     it makes when two names collide
     */
    public JavaNames(String stubPackage, Set<String> stubClasses) {
        this.stubPackage = stubPackage;
        this.stubClasses = Set.copyOf(stubClasses);
    }

    /**
     * The package of a WSDL's stubs: {@code <base>.soap.} and the WSDL's path without its
     * extension, one package segment per folder: {@code partners/dmv.wsdl -> <base>.soap.partners.dmv}.
     */
    public static String stubPackage(String basePackage, Path wsdl) {
        StringBuilder name = new StringBuilder(basePackage).append(".soap");
        for (int i = 0; i < wsdl.getNameCount(); i++) {
            String segment = wsdl.getName(i).toString();
            int dot = segment.lastIndexOf('.');
            boolean fileName = i == wsdl.getNameCount() - 1;
            name.append('.').append(packageSegment(fileName && dot > 0 ? segment.substring(0, dot) : segment));
        }
        return name.toString();
    }

    /** The package of a connector: {@code <base>.<id>}. */
    public static String connectorPackage(String basePackage, String connectorId) {
        return basePackage + "." + packageSegment(connectorId);
    }

    /** {@code city2dmv -> City2dmvConnector}, {@code county-tax -> CountyTaxConnector}. */
    public static String connectorClass(String connectorId) {
        StringBuilder name = new StringBuilder();
        for (String word : connectorId.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.append("Connector").toString();
    }

    /** A valid, lower-case package name segment. */
    static String packageSegment(String text) {
        String segment = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (segment.isEmpty() || !Character.isJavaIdentifierStart(segment.charAt(0)) || SourceVersion.isKeyword(segment)) {
            segment = "_" + segment;
        }
        return segment;
    }

    public ClassName service(SoapTarget target) {
        return stub(JAXB.toClassName(target.serviceName()), "_Service");
    }

    public ClassName portType(SoapTarget target) {
        return stub(JAXB.toClassName(target.portTypeName()), "_Type");
    }

    public String portGetter(SoapTarget target) {
        return "get" + JAXB.toClassName(target.portName());
    }

    public String operationMethod(SoapTarget target) {
        String name = JAXB.toVariableName(target.operation().name());
        return SourceVersion.isKeyword(name) ? "_" + name : name;
    }

    public ClassName fault(WsdlFault fault) {
        return stub(JAXB.toClassName(fault.messageName()), "_Exception");
    }

    /** The class of a top-level element: its named type's, else one named after the element. */
    public ClassName topLevelClass(XmlElement element) {
        ComplexType type = (ComplexType) element.type();
        return ClassName.get(stubPackage, JAXB.toClassName(type.name() != null ? type.name() : element.name()));
    }

    /** The class of a child element: a named type's top-level class, or a class nested in its parent's. */
    public ClassName childClass(ClassName parent, XmlElement child) {
        ComplexType type = (ComplexType) child.type();
        if (type.name() != null) {
            return ClassName.get(stubPackage, JAXB.toClassName(type.name()));
        }
        return parent.nestedClass(JAXB.toClassName(child.name()));
    }

    /**
     * The Java enum JAXB generated for an enumerated simple type. Only a named type becomes one, and
     * only when every value makes a Java name; otherwise the element holds plain text.
     */
    public Optional<ClassName> enumClass(SimpleType type) {
        if (!type.isEnumeration() || type.name() == null) {
            return Optional.empty();
        }
        String predicted = JAXB.toClassName(type.name());
        return stubClasses.contains(predicted) ? Optional.of(ClassName.get(stubPackage, predicted)) : Optional.empty();
    }

    public ClassName objectFactory() {
        return ClassName.get(stubPackage, "ObjectFactory");
    }

    /**
     * The ObjectFactory method that wraps an element in a {@code JAXBElement}: {@code create}, the
     * classes that hold it, and its name: {@code PayFee.Owner + Alias -> createPayFeeOwnerAlias}.
     */
    public String factoryMethod(ClassName parent, XmlElement element) {
        return "create" + String.join("", parent.simpleNames()) + JAXB.toClassName(element.name());
    }

    /** The setter JAXB generates for an element: {@code TruckLimit -> setTruckLimit}. */
    public String setter(XmlElement element) {
        return "set" + JAXB.toPropertyName(element.name());
    }

    /** A local variable name for an element or field, unlike the taken ones and not a keyword. */
    public static String variable(String xmlName, Set<String> taken) {
        String base = JAXB.toVariableName(xmlName.replace('.', '_'));
        if (SourceVersion.isKeyword(base)) {
            base = base + "Value";
        }
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + i;
        }
        return name;
    }

    private ClassName stub(String predicted, String renamedSuffix) {
        if (!stubClasses.contains(predicted) && stubClasses.contains(predicted + renamedSuffix)) {
            return ClassName.get(stubPackage, predicted + renamedSuffix);
        }
        return ClassName.get(stubPackage, predicted);
    }
}
