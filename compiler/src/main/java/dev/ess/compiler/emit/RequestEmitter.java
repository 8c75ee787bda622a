package dev.ess.compiler.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.ess.compiler.check.Build;
import dev.ess.compiler.check.BoundValue;
import dev.ess.compiler.check.Conversion;
import dev.ess.compiler.check.Read;
import dev.ess.compiler.check.Reader;
import dev.ess.compiler.check.SourceArray;
import dev.ess.compiler.check.Step;
import dev.ess.compiler.partner.Occurs;
import dev.ess.compiler.partner.Slot;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders the checker's build plan of a request part as the statements of {@code map()}: one
 * object per {@code new}, one statement per mapping line citing it, a loop per array. An optional
 * object is created only when something below it has a value: those values are read first, then
 * the object is built under an {@code if}.
 */
final class RequestEmitter {

    static final ClassName EVENT = ClassName.get("dev.ess.runtime", "Event");
    static final String EVENT_PARAMETER = "event";

    private final MethodSpec.Builder method;
    private final Conversions conversions;
    private final DateFormats dateFormats;
    private final String mappingFile;
    private final Set<String> taken;
    /** The loop variable of every array being walked. */
    private final Map<SourceArray, String> entries = new HashMap<>();
    /** Values and arrays read ahead of the object that holds them, by the local they went to. */
    private final Map<Object, String> readAhead = new HashMap<>();
    /** Locals an enclosing {@code if} has shown not to be null. */
    private final Set<String> notNull = new HashSet<>();

    RequestEmitter(MethodSpec.Builder method, Conversions conversions, DateFormats dateFormats, String mappingFile,
            Set<String> taken) {
        this.method = method;
        this.conversions = conversions;
        this.dateFormats = dateFormats;
        this.mappingFile = mappingFile;
        this.taken = taken;
    }

    /** Emits the statements that build a part; returns the expression that holds it. */
    CodeBlock part(Build build, String name) {
        if (build instanceof Build.NewObject object) {
            String local = Names.variable(name, taken);
            method.addStatement("$T $N = new $T()", object.node().javaClass(), local, object.node().javaClass());
            members(object.members(), local);
            return CodeBlock.of("$N", local);
        }
        Build.SetValue value = (Build.SetValue) build;
        if (!needsGuard(value)) {
            return value(value, read(value));
        }
        String local = readAhead(value);
        return CodeBlock.of("$N == null ? null : $L", local, value(value, CodeBlock.of("$N", local)));
    }

    private void members(List<Build> members, String parent) {
        members.forEach(member -> member(member, parent));
    }

    private void member(Build member, String parent) {
        if (member instanceof Build.NewObject object) {
            object(object, parent);
        } else if (member instanceof Build.SetValue value) {
            set(value, parent);
        } else {
            each((Build.EachEntry) member, parent);
        }
    }

    private void object(Build.NewObject object, String parent) {
        if (object.always()) {
            create(object, parent);
            return;
        }
        List<String> conditions = new ArrayList<>();
        readAhead(object.members(), conditions);
        method.beginControlFlow("if ($L)", String.join(" || ", conditions));
        String only = conditions.size() == 1 && conditions.get(0).endsWith(" != null")
                ? conditions.get(0).substring(0, conditions.get(0).length() - " != null".length()) : null;
        if (only != null) {
            notNull.add(only);
        }
        create(object, parent);
        notNull.remove(only);
        method.endControlFlow();
    }

    private void create(Build.NewObject object, String parent) {
        ClassName type = object.node().javaClass();
        String local = Names.variable(object.node().name(), taken);
        method.addStatement("$T $N = new $T()", type, local, type);
        method.addStatement("$L", attach(object.node().slot(), parent, CodeBlock.of("$N", local)));
        members(object.members(), local);
    }

    /** Reads every optional value and array below an optional object, naming what says it has content. */
    private void readAhead(List<Build> members, List<String> conditions) {
        for (Build member : members) {
            if (member instanceof Build.NewObject object) {
                readAhead(object.members(), conditions);
            } else if (member instanceof Build.SetValue value) {
                if (value.value().read() instanceof Read.Field field && field.fallback() == null) {
                    conditions.add(readAhead(value) + " != null");
                }
            } else {
                // Read ahead only to tell whether the object is sent: its count is the partner's schema's business then.
                Build.EachEntry each = (Build.EachEntry) member;
                String list = Names.variable(each.array().path().replace('.', '_'), taken);
                method.addCode("$T $N = $L; // $L\n", listType(each.array()), list, array(each.array(), 0),
                        origin(each.line().line()));
                readAhead.put(each, list);
                conditions.add("!" + list + ".isEmpty()");
            }
        }
    }

    private String readAhead(Build.SetValue value) {
        String existing = readAhead.get(value);
        if (existing != null) {
            return existing;
        }
        String local = Names.variable(localName(value), taken);
        Read.Field field = (Read.Field) value.value().read();
        method.addCode("$T $N = $N.$N($S); // $L\n", field.reader().javaType(), local, scope(field.scope()),
                field.reader().accessor(false), field.path(), origin(value.line().line()));
        readAhead.put(value, local);
        return local;
    }

    private void set(Build.SetValue value, String parent) {
        String ahead = readAhead.get(value);
        if (ahead != null && !notNull.contains(ahead) && value.value().read() instanceof Read.Field field && field.required()) {
            ahead = null; // read again with the accessor that fails when the field is missing
        }
        if (!needsGuard(value) || notNull.contains(ahead)) {
            CodeBlock source = ahead != null ? CodeBlock.of("$N", ahead) : read(value);
            method.addCode("$L; // $L\n", attach(value.node().slot(), parent, value(value, source)), origin(value.line().line()));
            return;
        }
        String local = ahead != null ? ahead : readAhead(value);
        method.beginControlFlow("if ($N != null)", local);
        method.addCode("$L; // $L\n", attach(value.node().slot(), parent, value(value, CodeBlock.of("$N", local))),
                origin(value.line().line()));
        method.endControlFlow();
    }

    private void each(Build.EachEntry each, String parent) {
        SourceArray array = each.array();
        String ahead = readAhead.get(each);
        CodeBlock list = ahead != null ? CodeBlock.of("$N", ahead) : array(array, array.bounds().min());
        String entry = Names.variable(array.holdsObjects() ? each.node().name() + "Entry" : each.node().name(), taken);
        method.addCode("for ($T $N : $L) { // $L\n$>", array.holdsObjects() ? EVENT : array.reader().javaType(), entry, list,
                origin(each.line().line()));
        entries.put(array, entry);
        if (each.entry() instanceof Build.NewObject object) {
            create(object, parent);
        } else {
            member(each.entry(), parent);
        }
        entries.remove(array);
        method.addCode("$<}\n");
    }

    /** A value is read into a local and set under an {@code if} when what follows cannot take a null. */
    private static boolean needsGuard(Build.SetValue value) {
        BoundValue bound = value.value();
        Slot slot = value.node().slot();
        return bound.nullable() && (!bound.steps().isEmpty() || !(bound.conversion() instanceof Conversion.None)
                || slot.wrapping() != null || slot.isList() || slot.type().isPrimitive());
    }

    /** How an object hands a value to its parent: a setter, a list's add, through the ObjectFactory where JAXB wants a JAXBElement. */
    private CodeBlock attach(Slot slot, String parent, CodeBlock value) {
        CodeBlock wrapped = slot.wrapping() == null ? value
                : conversions.wrap(slot.wrapping().objectFactory(), slot.wrapping().method(), value);
        return slot.isList()
                ? CodeBlock.of("$N.$N().add($L)", parent, slot.getter(), wrapped)
                : CodeBlock.of("$N.$N($L)", parent, slot.setter(), wrapped);
    }

    /** The value with the line's functions applied, in the stubs' type. */
    private CodeBlock value(Build.SetValue value, CodeBlock source) {
        CodeBlock result = source;
        for (Step step : value.value().steps()) {
            result = step(step, result);
        }
        return conversions.convert(value.value().conversion(), result, value.line().source().toString());
    }

    private CodeBlock step(Step step, CodeBlock value) {
        if (step instanceof Step.Upper) {
            return CodeBlock.of("$L.toUpperCase($T.ROOT)", value, Locale.class);
        }
        if (step instanceof Step.Lower) {
            return CodeBlock.of("$L.toLowerCase($T.ROOT)", value, Locale.class);
        }
        if (step instanceof Step.Trim) {
            return CodeBlock.of("$L.strip()", value);
        }
        if (step instanceof Step.Scale scale) {
            return CodeBlock.of("$L.setScale($L, $T.HALF_UP)", value, scale.digits(), RoundingMode.class);
        }
        return CodeBlock.of("$N.format($L)", dateFormats.constant(((Step.FormatDate) step).pattern()), value);
    }

    private CodeBlock read(Build.SetValue value) {
        Read read = value.value().read();
        if (read instanceof Read.Field field) {
            CodeBlock access = CodeBlock.of("$N.$N($S)", scope(field.scope()), field.reader().accessor(field.required()),
                    field.path());
            return field.fallback() == null ? access
                    : CodeBlock.of("$T.requireNonNullElse($L, $L)", Objects.class, access, conversions.literal(field.fallback()));
        }
        if (read instanceof Read.Entry entry) {
            return CodeBlock.of("$N", entries.get(entry.array()));
        }
        return conversions.literal(((Read.Constant) read).literal());
    }

    private CodeBlock array(SourceArray array, int min) {
        String accessor = array.holdsObjects() ? Reader.ITEMS : array.reader().arrayAccessor();
        Occurs bounds = array.bounds();
        CodeBlock max = bounds.max() == Occurs.UNBOUNDED ? CodeBlock.of("$T.UNBOUNDED", EVENT) : CodeBlock.of("$L", bounds.max());
        return CodeBlock.of("$N.$N($S, $L, $L)", scope(array.outer()), accessor, array.path(), min, max);
    }

    private String scope(SourceArray array) {
        return array == null ? EVENT_PARAMETER : entries.get(array);
    }

    private static TypeName listType(SourceArray array) {
        return com.palantir.javapoet.ParameterizedTypeName.get(ClassName.get(List.class),
                array.holdsObjects() ? EVENT : array.reader().javaType());
    }

    /** A local for a value read ahead, named after the field it holds. */
    private static String localName(Build.SetValue value) {
        if (value.value().read() instanceof Read.Field field) {
            String path = field.path();
            return path.substring(path.lastIndexOf('.') + 1);
        }
        return value.node().name().replace("@", "");
    }

    private String origin(int line) {
        return InertText.comment(mappingFile + ":" + line);
    }
}
