package dev.ess.compiler.emit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import org.glassfish.jaxb.core.api.impl.NameConverter;

/**
 * The names ESS chooses itself: packages and classes of connectors and stubs, and local
 * variables. Every name of the stubs comes from the model wsimport generated them from.
 */
public final class Names {

    private static final NameConverter JAXB = NameConverter.standard;

    private Names() {}

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

    /** A local variable name for an element or field, unlike the taken ones and not a keyword; the name is then taken. */
    static String variable(String xmlName, Set<String> taken) {
        String base = JAXB.toVariableName(xmlName.replaceAll("[^\\p{L}\\p{N}_]", "_"));
        if (base.isEmpty() || !SourceVersion.isIdentifier(base) || SourceVersion.isKeyword(base)) {
            base = base.isEmpty() ? "value" : base + "Value";
        }
        if (!SourceVersion.isIdentifier(base)) {
            base = "value";
        }
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + i;
        }
        taken.add(name);
        return name;
    }
}
