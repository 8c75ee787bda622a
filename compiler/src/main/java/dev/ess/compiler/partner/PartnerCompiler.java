package dev.ess.compiler.partner;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.codemodel.JType;
import com.sun.tools.ws.api.wsdl.TWSDLExtension;
import com.sun.tools.ws.processor.model.Block;
import com.sun.tools.ws.processor.model.Operation;
import com.sun.tools.ws.processor.model.Parameter;
import com.sun.tools.ws.processor.model.Port;
import com.sun.tools.ws.processor.model.Service;
import com.sun.tools.ws.processor.model.java.JavaMethod;
import com.sun.tools.ws.processor.model.java.JavaParameter;
import com.sun.tools.ws.processor.model.java.JavaType;
import com.sun.tools.ws.wsdl.document.soap.SOAPAddress;
import com.sun.tools.ws.wsdl.document.soap.SOAPStyle;
import com.sun.xml.xsom.XSElementDecl;
import com.sun.xml.xsom.XSSchemaSet;
import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.namespace.QName;
import org.xml.sax.Locator;

/**
 * The resolve phase for a SOAP partner: reads a WSDL's documents, runs wsimport on them once, and
 * turns what wsimport and XJC built into ESS's model of the partner's ports, operations and
 * request types. Everything wsimport reports becomes a located diagnostic.
 */
public final class PartnerCompiler {

    private final Diagnostics diagnostics;
    private final CompiledWsdls compiled;
    private int wsimportRuns;

    public PartnerCompiler(Diagnostics diagnostics) {
        this(diagnostics, new CompiledWsdls(0));
    }

    /** @param compiled WSDLs compiled earlier, reused when none of their documents changed */
    public PartnerCompiler(Diagnostics diagnostics, CompiledWsdls compiled) {
        this.diagnostics = diagnostics;
        this.compiled = compiled;
    }

    /** How many times this compiler ran wsimport: once per WSDL it had not compiled before. */
    public int wsimportRuns() {
        return wsimportRuns;
    }

    /**
     * @param folder the folder the WSDL's documents must lie in
     * @param reference where the manifest names the WSDL
     * @param stubPackage the package of the service and port types; other schema namespaces go below it
     * @return the compiled service, or empty when it cannot be used (reported)
     */
    public Optional<PartnerService> compile(Path wsdl, Path folder, Position reference, String stubPackage) {
        Optional<WsdlSources> read = new WsdlDocuments(diagnostics).read(wsdl, folder, reference);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        WsdlSources sources = read.get();
        String key = CompiledWsdls.key(sources, stubPackage);
        Optional<PartnerService> known = compiled.get(key);
        if (known.isPresent()) {
            return known;
        }
        int reported = diagnostics.all().size();
        Optional<PartnerService> service = compile(sources, stubPackage);
        if (service.isPresent() && diagnostics.all().size() == reported) {
            compiled.put(key, service.get());
        }
        return service;
    }

    private Optional<PartnerService> compile(WsdlSources sources, String stubPackage) {
        Map<String, byte[]> resources = resources(sources, stubPackage);
        String wsdlResource = resourcePath(sources, sources.root(), stubPackage);
        Wsimport.Run run = Wsimport.run(sources, new StubPackages(stubPackage, sources), wsdlResource);
        wsimportRuns++;
        run.warnings().forEach(finding -> warn(finding, sources));
        if (!run.succeeded()) {
            run.errors().forEach(finding -> fail(finding, sources));
            return Optional.empty();
        }
        TargetTree tree = new TargetTree(run.outline(), locator -> position(locator, sources.root()));
        XSSchemaSet schemas = run.outline().getModel().schemaComponent;
        List<PartnerPort> ports = new ArrayList<>();
        for (Service service : run.model().getServices()) {
            for (Port port : service.getPorts()) {
                soapAddress(port).ifPresent(address ->
                        ports.add(port(service, port, address, stubPackage, tree, schemas, sources)));
            }
        }
        if (ports.isEmpty()) {
            diagnostics.reportWithHint(DiagnosticCode.NO_SOAP_PORT, Position.of(sources.root()),
                    "the partner must describe a <service> with a port bound to SOAP 1.1 or 1.2",
                    sources.root().getFileName());
            return Optional.empty();
        }
        return Optional.of(new PartnerService(sources.root(), sources.files(), stubPackage, run.sources(), resources,
                wsdlResource, ports));
    }

    private PartnerPort port(Service service, Port port, SOAPAddress address, String stubPackage, TargetTree tree,
            XSSchemaSet schemas, WsdlSources sources) {
        List<PartnerOperation> operations = new ArrayList<>();
        for (Operation operation : port.getOperations()) {
            operations.add(operation(operation, stubPackage, tree, schemas, sources));
        }
        QName binding = port.getEntity() instanceof com.sun.tools.ws.wsdl.document.Port wsdlPort ? wsdlPort.getBinding() : null;
        return new PartnerPort(port.getName().getLocalPart(), service.getName().getLocalPart(),
                sources.soap12Bindings().contains(binding), address.getLocation(), !sources.offHttpBindings().contains(binding),
                className(service.getJavaIntf().getName(), stubPackage), port.getPortGetter(),
                className(port.getJavaInterface().getName(), stubPackage), operations,
                position(port.getLocator(), sources.root()));
    }

    private PartnerOperation operation(Operation operation, String stubPackage, TargetTree tree, XSSchemaSet schemas,
            WsdlSources sources) {
        JavaMethod method = operation.getJavaMethod();
        boolean rpc = operation.getStyle() == SOAPStyle.RPC;
        Position position = position(operation.getLocator(), sources.root());
        List<RequestPart> parts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JavaParameter argument : method.getParametersList()) {
            Parameter parameter = argument.getParameter();
            Block block = parameter.getBlock();
            boolean header = block.getLocation() == Block.HEADER;
            QName element = block.getName();
            // A part is named by its element; the same element twice (body and header) by its part name, then numbered.
            String name = rpc && !header ? parameter.getName() : element.getLocalPart();
            if (!parameter.isOUT()) {
                name = unique(names.contains(name) ? parameter.getName() : name, names);
                names.add(name);
            }
            JType type = jtype(argument.getType());
            XSElementDecl declaration = rpc && !header ? null
                    : schemas.getElementDecl(element.getNamespaceURI(), element.getLocalPart());
            TargetNode root = tree.part(name, type, declaration, null, position);
            parts.add(new RequestPart(name, header, argument.isHolder(), !parameter.isOUT(), root.slot().type(), root));
        }
        JavaType returned = method.getReturnType();
        TypeName response = returned == null || "void".equals(returned.getName()) ? null : JavaTypes.of(jtype(returned));
        List<ClassName> faults = new ArrayList<>();
        for (Iterator<String> exceptions = method.getExceptions(); exceptions.hasNext(); ) {
            faults.add(className(exceptions.next(), stubPackage));
        }
        QName answer = operation.getResponse() == null || operation.getResponse().getBodyBlockCount() == 0 ? null
                : operation.getResponse().getBodyBlocks().next().getName();
        return new PartnerOperation(operation.getName().getLocalPart(), method.getName(), rpc, parts, response, faults,
                answer);
    }

    private static String unique(String name, Set<String> taken) {
        String unique = name;
        for (int n = 2; taken.contains(unique); n++) {
            unique = name + n;
        }
        return unique;
    }

    private static JType jtype(JavaType type) {
        return type.getType().getType();
    }

    /** The port's SOAP 1.1 or 1.2 address; a port bound to plain HTTP GET or POST has none, and ESS cannot call it. */
    private static Optional<SOAPAddress> soapAddress(Port port) {
        if (port.getEntity() instanceof com.sun.tools.ws.wsdl.document.Port wsdlPort) {
            for (TWSDLExtension extension : wsdlPort.extensions()) {
                if (extension instanceof SOAPAddress address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    /** A class wsimport generated in the stub package, or elsewhere by its full name. */
    private static ClassName className(String fullName, String stubPackage) {
        String simple = fullName.startsWith(stubPackage + ".") ? fullName.substring(stubPackage.length() + 1) : null;
        return simple != null && !simple.contains(".") ? ClassName.get(stubPackage, simple) : ClassName.bestGuess(fullName);
    }

    /** The WSDL and what it imports, below the stub package's folder, in their relative layout. */
    private static Map<String, byte[]> resources(WsdlSources sources, String stubPackage) {
        Map<String, byte[]> resources = new TreeMap<>();
        sources.contents().forEach((file, bytes) -> resources.put(resourcePath(sources, file, stubPackage), bytes));
        return resources;
    }

    private static String resourcePath(WsdlSources sources, Path file, String stubPackage) {
        Path base = sources.root().getParent();
        for (Path document : sources.contents().keySet()) {
            while (!document.startsWith(base)) {
                base = base.getParent();
            }
        }
        return stubPackage.replace('.', '/') + "/" + base.relativize(file).toString().replace('\\', '/');
    }

    private void warn(Wsimport.Finding finding, WsdlSources sources) {
        String message = withoutFolder(finding.message(), sources);
        if (message.contains("non-standard SOAP 1.2 binding")) {
            return; // ESS calls SOAP 1.2 ports: wsimport runs with -extension for them
        }
        diagnostics.report(DiagnosticCode.WSIMPORT_WARNING, position(finding, sources), message);
    }

    private void fail(Wsimport.Finding finding, WsdlSources sources) {
        String message = withoutFolder(finding.message(), sources);
        Position at = position(finding, sources);
        diagnostics.report(DiagnosticCode.WSIMPORT_FAILED, at, sources.root().getFileName(), message);
    }

    /** wsimport names documents by their full URI; the message names them relative to the WSDL, as ESS shows files. */
    private static String withoutFolder(String message, WsdlSources sources) {
        return message.replace(sources.root().getParent().toUri().toString(), "");
    }

    private static Position position(Wsimport.Finding finding, WsdlSources sources) {
        return at(finding.systemId(), finding.line(), finding.column(), sources.root());
    }

    private static Position position(Locator locator, Path fallback) {
        return locator == null ? Position.of(fallback)
                : at(locator.getSystemId(), locator.getLineNumber(), locator.getColumnNumber(), fallback);
    }

    /** A spot wsimport names by URI; inline schemas are named {@code <wsdl>#types?schema1}. */
    private static Position at(String systemId, int line, int column, Path fallback) {
        Path file = fallback;
        if (systemId != null) {
            try {
                URI uri = new URI(systemId);
                if ("file".equals(uri.getScheme())) {
                    file = Path.of(new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null));
                }
            } catch (Exception e) {
                // not a file: the WSDL stands for it
            }
        }
        return new Position(file, Math.max(0, line), Math.max(0, column));
    }
}
