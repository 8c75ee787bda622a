package dev.ess.compiler.partner;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JType;
import java.util.List;

/** Types of XJC's code model as JavaPoet names, so generated code refers to exactly what the stubs declare. */
final class JavaTypes {

    private JavaTypes() {}

    static TypeName of(JType type) {
        if (type.isPrimitive()) {
            return switch (type.name()) {
                case "boolean" -> TypeName.BOOLEAN;
                case "byte" -> TypeName.BYTE;
                case "short" -> TypeName.SHORT;
                case "int" -> TypeName.INT;
                case "long" -> TypeName.LONG;
                case "char" -> TypeName.CHAR;
                case "float" -> TypeName.FLOAT;
                case "double" -> TypeName.DOUBLE;
                default -> TypeName.VOID;
            };
        }
        if (type.isArray()) {
            return ArrayTypeName.of(of(type.elementType()));
        }
        JClass jclass = (JClass) type;
        if (jclass.fullName().startsWith("?")) {
            JClass bound = jclass._extends();
            return bound == null ? WildcardTypeName.subtypeOf(Object.class) : WildcardTypeName.subtypeOf(of(bound));
        }
        List<JClass> arguments = jclass.getTypeParameters();
        if (!arguments.isEmpty()) {
            return ParameterizedTypeName.get(className(jclass.erasure()),
                    arguments.stream().map(JavaTypes::of).toArray(TypeName[]::new));
        }
        return className(jclass);
    }

    static ClassName className(JClass jclass) {
        if (jclass instanceof JDefinedClass defined) {
            JClass outer = defined.outer();
            if (outer != null) {
                return className(outer).nestedClass(defined.name());
            }
            return ClassName.get(defined._package().name(), defined.name());
        }
        return ClassName.bestGuess(jclass.erasure().fullName());
    }

    /** One value of a property's type: {@code List<T>} and {@code JAXBElement<T>} give {@code T}. */
    static JType item(JType type) {
        JType current = type;
        while (current instanceof JClass jclass && jclass.getTypeParameters().size() == 1
                && (jclass.erasure().fullName().equals("java.util.List")
                        || jclass.erasure().fullName().equals("jakarta.xml.bind.JAXBElement"))) {
            current = jclass.getTypeParameters().get(0);
        }
        return current;
    }
}
