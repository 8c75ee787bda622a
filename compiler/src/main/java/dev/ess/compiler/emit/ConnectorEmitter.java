package dev.ess.compiler.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.ess.compiler.check.BoundConnector;
import dev.ess.compiler.manifest.Located;
import dev.ess.compiler.manifest.Manifest;
import dev.ess.compiler.manifest.SpecSetting;
import dev.ess.compiler.manifest.SpecValue;
import dev.ess.compiler.mapping.MappingLine;
import dev.ess.compiler.partner.PartnerOperation;
import dev.ess.compiler.partner.PartnerPort;
import dev.ess.compiler.partner.RequestPart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Emits one connector class per manifest: its settings, how an event becomes the partner's
 * request (one plain statement per mapping line, citing that line), and the port call. Every
 * decision was made by the checker; this class only renders.
 */
public final class ConnectorEmitter {

    static final String GENERATOR = "dev.ess.compiler";

    private static final ClassName SOAP_CONNECTOR = ClassName.get("dev.ess.runtime", "SoapConnector");
    private static final ClassName CONNECTOR_SPEC = ClassName.get("dev.ess.runtime", "ConnectorSpec");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final ClassName HOLDER = ClassName.get("jakarta.xml.ws", "Holder");
    private static final ClassName WEB_SERVICE_FEATURE = ClassName.get("jakarta.xml.ws", "WebServiceFeature");
    private static final String REQUEST_RECORD = "Request";

    public JavaFile emit(BoundConnector connector, String basePackage) {
        Manifest manifest = connector.manifest();
        PartnerPort port = connector.port();
        String id = manifest.id().value();
        String packageName = Names.connectorPackage(basePackage, id);
        ClassName connectorClass = ClassName.get(packageName, Names.connectorClass(id));
        TypeName request = requestType(connector, connectorClass);
        TypeName response = connector.operation().response() == null ? ClassName.get(Void.class)
                : connector.operation().response().box();
        DateFormats dateFormats = new DateFormats();
        Conversions conversions = new Conversions();

        TypeSpec.Builder type = TypeSpec.classBuilder(connectorClass)
                .addJavadoc("$L", javadoc(connector))
                .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(SOAP_CONNECTOR, port.portType(), request, response))
                .addField(FieldSpec.builder(CONNECTOR_SPEC, "SPEC", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(spec(manifest))
                        .build())
                .addMethod(MethodSpec.methodBuilder("spec")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(CONNECTOR_SPEC)
                        .addStatement("return SPEC")
                        .build())
                .addMethod(MethodSpec.methodBuilder("createPort")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(port.portType())
                        .addParameter(ArrayTypeName.of(WEB_SERVICE_FEATURE), "features")
                        .varargs()
                        .addCode("return new $T().$N(features); // $L\n", port.serviceClass(), port.getter(),
                                origin(manifest, manifest.port().orElse(manifest.wsdl().orElseThrow())))
                        .build())
                .addMethod(map(connector, request, dateFormats, conversions))
                .addMethod(send(connector, port.portType(), request, response));
        type.addFields(dateFormats.fields());
        type.addFields(conversions.fields());
        type.addMethods(conversions.methods());
        if (connector.inputs().size() > 1) {
            type.addType(requestRecord(connector));
        }
        return JavaFile.builder(packageName, type.build())
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }

    /** The request's type: its only part's, or a record of all its parts. */
    private static TypeName requestType(BoundConnector connector, ClassName connectorClass) {
        List<BoundConnector.Part> inputs = connector.inputs();
        if (inputs.isEmpty()) {
            return ClassName.get(Void.class);
        }
        return inputs.size() == 1 ? inputs.get(0).part().javaType().box() : connectorClass.nestedClass(REQUEST_RECORD);
    }

    /** One component per part of the request, body and header, in the port method's order. */
    private static TypeSpec requestRecord(BoundConnector connector) {
        Set<String> taken = new HashSet<>();
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        StringBuilder parts = new StringBuilder();
        for (BoundConnector.Part part : connector.inputs()) {
            RequestPart request = part.part();
            constructor.addParameter(ParameterSpec.builder(request.javaType(), Names.variable(request.name(), taken)).build());
            parts.append(parts.length() == 0 ? "" : ", ").append(request.header() ? "header " : "body ")
                    .append(request.name());
        }
        return TypeSpec.recordBuilder(REQUEST_RECORD)
                .addJavadoc("The parts of the request: $L.\n", InertText.javadoc(parts.toString()))
                .addModifiers(Modifier.PUBLIC)
                .recordConstructor(constructor.build())
                .build();
    }

    /** What the connector does, and the manifest and mapping lines it came from. */
    private static String javadoc(BoundConnector connector) {
        Manifest manifest = connector.manifest();
        PartnerPort port = connector.port();
        List<MappingLine> lines = connector.mapping().lines();
        String mappingFile = connector.mapping().fileName();
        StringBuilder text = new StringBuilder()
                .append(InertText.javadoc(manifest.id().value())).append(": events \"")
                .append(InertText.javadoc(manifest.listenTopic().value())).append("\" to ")
                .append(InertText.javadoc(port.serviceName() + "." + connector.operation().name()))
                .append(" of ").append(InertText.javadoc(connector.service().wsdl().getFileName().toString()))
                .append(port.soap12() ? " (SOAP 1.2)" : "").append(".\n\n")
                .append("<p>Generated by ESS from ").append(InertText.javadoc(manifest.fileName())).append(" and lines ")
                .append(lines.get(0).line()).append('-').append(lines.get(lines.size() - 1).line()).append(" of ")
                .append(InertText.javadoc(mappingFile)).append("; do not edit.\n")
                .append("<pre>\n");
        int width = String.valueOf(lines.get(lines.size() - 1).line()).length();
        for (MappingLine line : lines) {
            text.append(InertText.javadoc(mappingFile)).append(':')
                    .append(String.format(Locale.ROOT, "%-" + width + "d", line.line()))
                    .append("  ").append(InertText.javadoc(line.text())).append('\n');
        }
        return text.append("</pre>\n").toString();
    }

    /** A trailing comment's citation of a manifest value: {@code dmv_manifest.yml:2}. */
    private static String origin(Manifest manifest, Located<?> value) {
        return InertText.comment(manifest.fileName() + ":" + value.position().line());
    }

    /** The manifest's settings, each citing its line; keys it leaves out keep the runtime's defaults. */
    private static CodeBlock spec(Manifest manifest) {
        CodeBlock.Builder spec = CodeBlock.builder()
                .add("$T.builder($S) // $L$>$>", CONNECTOR_SPEC, manifest.id().value(), origin(manifest, manifest.id()));
        for (SpecSetting setting : manifest.specSettings()) {
            spec.add("\n.$L($L) // $L", setting.method(), argument(setting.value()),
                    InertText.comment(manifest.fileName() + ":" + setting.origin().line()));
        }
        return spec.add("\n.build()$<$<").build();
    }

    private static CodeBlock argument(SpecValue value) {
        if (value instanceof SpecValue.Text text) {
            return CodeBlock.of("$S", text.value());
        }
        if (value instanceof SpecValue.Texts texts) {
            return CodeBlock.join(texts.values().stream().map(text -> CodeBlock.of("$S", text)).toList(), ", ");
        }
        if (value instanceof SpecValue.WholeNumber number) {
            return CodeBlock.of("$L", number.value());
        }
        if (value instanceof SpecValue.Flag flag) {
            return CodeBlock.of("$L", flag.value());
        }
        return span(((SpecValue.Span) value).value());
    }

    /** A duration in the largest unit that states it exactly: {@code Duration.ofMinutes(90)}. */
    private static CodeBlock span(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0 && seconds > 0) {
            return CodeBlock.of("$T.ofDays($L)", Duration.class, seconds / 86_400);
        }
        if (seconds % 3_600 == 0 && seconds > 0) {
            return CodeBlock.of("$T.ofHours($L)", Duration.class, seconds / 3_600);
        }
        if (seconds % 60 == 0) {
            return CodeBlock.of("$T.ofMinutes($L)", Duration.class, seconds / 60);
        }
        return CodeBlock.of("$T.ofSeconds($L)", Duration.class, seconds);
    }

    private static MethodSpec map(BoundConnector connector, TypeName request, DateFormats dateFormats,
            Conversions conversions) {
        Set<String> taken = new HashSet<>(Set.of(RequestEmitter.EVENT_PARAMETER));
        MethodSpec.Builder map = MethodSpec.methodBuilder("map")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(request)
                .addParameter(RequestEmitter.EVENT, RequestEmitter.EVENT_PARAMETER);
        RequestEmitter emitter = new RequestEmitter(map, conversions, dateFormats, connector.mapping().fileName(), taken);
        List<CodeBlock> parts = new ArrayList<>();
        for (BoundConnector.Part part : connector.inputs()) {
            parts.add(part.build() == null ? CodeBlock.of("null") : emitter.part(part.build(), part.part().name()));
        }
        if (parts.isEmpty()) {
            return map.addStatement("return null").build();
        }
        if (parts.size() == 1) {
            return map.addStatement("return $L", parts.get(0)).build();
        }
        return map.addStatement("return new $N($L)", REQUEST_RECORD, CodeBlock.join(parts, ", ")).build();
    }

    private static MethodSpec send(BoundConnector connector, ClassName portType, TypeName request, TypeName response) {
        PartnerOperation operation = connector.operation();
        Manifest manifest = connector.manifest();
        String origin = origin(manifest, manifest.operation().orElseThrow());
        List<BoundConnector.Part> inputs = connector.inputs();
        Set<String> taken = new HashSet<>(Set.of("port"));
        String requestParameter = inputs.size() == 1
                ? Names.variable(inputs.get(0).part().name(), new HashSet<>(taken))
                : "request";
        MethodSpec.Builder send = MethodSpec.methodBuilder("send")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(response)
                .addParameter(portType, "port")
                .addParameter(request, requestParameter);
        operation.faults().forEach(send::addException);
        Set<String> components = new HashSet<>();
        List<CodeBlock> arguments = new ArrayList<>();
        for (RequestPart part : operation.parts()) {
            CodeBlock value = !part.input() ? null
                    : inputs.size() == 1 ? CodeBlock.of("$N", requestParameter)
                    : CodeBlock.of("$N.$N()", requestParameter, Names.variable(part.name(), components));
            arguments.add(!part.holder() ? value
                    : value == null ? CodeBlock.of("new $T<>()", HOLDER) : CodeBlock.of("new $T<>($L)", HOLDER, value));
        }
        CodeBlock call = CodeBlock.of("port.$N($L)", operation.method(), CodeBlock.join(arguments, ", "));
        if (operation.response() != null) {
            send.addCode("return $L; // $L\n", call, origin);
        } else {
            send.addCode("$L; // $L\n", call, origin).addStatement("return null");
        }
        return send.build();
    }
}
