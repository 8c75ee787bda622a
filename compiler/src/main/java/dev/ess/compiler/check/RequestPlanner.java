package dev.ess.compiler.check;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.mapping.FieldRef;
import dev.ess.compiler.mapping.MappingFile;
import dev.ess.compiler.mapping.MappingLine;
import dev.ess.compiler.mapping.TargetPath;
import dev.ess.compiler.partner.ObjectNode;
import dev.ess.compiler.partner.PartnerOperation;
import dev.ess.compiler.partner.RequestPart;
import dev.ess.compiler.partner.TargetNode;
import dev.ess.compiler.partner.UnsupportedNode;
import dev.ess.compiler.partner.ValueNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assembles the checked lines into the request's build plan: which objects exist and when, which
 * arrays fill which repeated elements, and in what order values are set. Along the way it checks
 * what only the whole mapping can tell: arrays and repetitions that go together, alternatives of a
 * choice mapped at once, and required elements left out.
 */
final class RequestPlanner {

    /** How deep required elements are followed into types that contain themselves. */
    private static final int MAX_REQUIRED_DEPTH = 16;

    /**
     * Where a line reads its value, once its arrays are paired with the target's repetitions.
     *
     * @param arrays the line's arrays, outermost first, each paired with a repetition of the target
     */
    record Pairing(List<SourceArray> arrays, ValueBinder.Source source) {}

    /** One node of the request being planned; {@code key} is its target path as written. */
    private static final class Planned {
        final TargetNode node;
        final String key;
        final Map<String, Planned> children = new LinkedHashMap<>();
        final List<Object> members = new ArrayList<>();
        final Map<Integer, Planned> choices = new HashMap<>();
        Build.SetValue value;
        MappingLine firstLine;

        Planned(TargetNode node, String key) {
            this.node = node;
            this.key = key;
        }

        Planned child(TargetNode childNode, String childKey) {
            Planned existing = children.get(childKey);
            if (existing == null) {
                existing = new Planned(childNode, childKey);
                children.put(childKey, existing);
                members.add(existing);
            }
            return existing;
        }
    }

    /** A repeated element and the array that fills it. */
    private record Loop(SourceArray array, MappingLine line) {}

    private final Diagnostics diagnostics;
    private final PartnerOperation operation;
    private final Map<String, Planned> roots = new LinkedHashMap<>();
    private final Map<String, Loop> loops = new HashMap<>();
    private final Set<String> covered = new HashSet<>();

    RequestPlanner(Diagnostics diagnostics, PartnerOperation operation) {
        this.diagnostics = diagnostics;
        this.operation = operation;
    }

    /** A target some line names, even one with errors: it is not reported as left unmapped. */
    void cover(String target) {
        covered.add(target);
    }

    /**
     * Pairs the line's arrays with the target's repetitions, outermost first, and checks that every
     * line filling a repeated element reads the same array.
     */
    Optional<Pairing> pair(MappingLine line, TargetResolver.Resolved target) {
        List<Integer> repetitions = target.repetitions();
        FieldRef field = line.source() instanceof FieldRef ref ? ref : null;
        int arrays = field == null ? 0 : field.arrays();
        if (arrays > repetitions.size()) {
            diagnostics.reportWithHint(DiagnosticCode.ARRAYS_DO_NOT_MATCH, line.source().position(),
                    "each [] of the field pairs with a repeated element of the target, outermost first",
                    field.describe(), arrays, arrays == 1 ? "array" : "arrays", line.target(), repetitions.size(),
                    repetitions.size() == 1 ? "time" : "times");
            return Optional.empty();
        }
        List<SourceArray> paired = new ArrayList<>();
        boolean ok = true;
        if (field != null) {
            List<FieldRef.Segment> segments = field.segments();
            int start = 0;
            for (int i = 0, level = 0; i < segments.size(); i++) {
                if (!segments.get(i).each()) {
                    continue;
                }
                boolean valuesThemselves = i == segments.size() - 1;
                TargetNode repeated = target.nodes().get(repetitions.get(level));
                SourceArray array = new SourceArray(paired.isEmpty() ? null : paired.get(paired.size() - 1),
                        String.join(".", segments.subList(start, i + 1).stream().map(FieldRef.Segment::name).toList()),
                        valuesThemselves ? ValueBinder.reader(line, target.type()) : null, repeated.occurs(),
                        String.join(".", segments.subList(0, i + 1).stream().map(FieldRef.Segment::toString).toList()));
                paired.add(array);
                ok &= register(line, target.written(repetitions.get(level)), array);
                start = i + 1;
                level++;
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        boolean valuesThemselves = field != null && !paired.isEmpty() && field.segments().get(field.segments().size() - 1).each();
        SourceArray scope = paired.isEmpty() ? null : paired.get(paired.size() - 1);
        // Wherever the value is set, its object is sent: a required element must then have its value.
        ValueNode leaf = target.leaf();
        boolean required = field != null && leaf.occurs().isRequired() && leaf.choice() == null;
        return Optional.of(new Pairing(paired, valuesThemselves
                ? new ValueBinder.Source(null, scope, true)
                : new ValueBinder.Source(scope, null, required)));
    }

    private boolean register(MappingLine line, String repetition, SourceArray array) {
        Loop earlier = loops.putIfAbsent(repetition, new Loop(array, line));
        if (earlier == null || earlier.array().equals(array)) {
            return true;
        }
        boolean sameArray = earlier.array().written().equals(array.written());
        diagnostics.reportWithHint(DiagnosticCode.ITERATION_CONFLICT, line.source().position(),
                sameArray ? "an array holds objects (read as " + array.written() + ".name) or values (read as "
                        + array.written() + "), not both"
                        : "one repeated element takes its entries from one array: map " + earlier.array().written()
                                + " here, or another repeated element",
                repetition, describe(earlier.array(), sameArray), earlier.line().line(), describe(array, sameArray));
        return false;
    }

    private static String describe(SourceArray array, boolean withEntries) {
        return array.written() + (withEntries ? array.holdsObjects() ? " as objects" : " as values" : "");
    }

    /** Adds a checked line to the plan, reporting alternatives of a choice mapped together. */
    void add(MappingLine line, TargetResolver.Resolved target, BoundValue value) {
        List<TargetNode> nodes = target.nodes();
        Planned current = roots.computeIfAbsent(target.part().name(), name -> new Planned(nodes.get(0), name));
        for (int i = 1; i < nodes.size(); i++) {
            TargetNode node = nodes.get(i);
            String key = target.written(i);
            if (node.choice() != null && !node.choice().repeated() && !choose(current, node, key, line, i)) {
                return;
            }
            current = current.child(node, key);
            if (current.firstLine == null) {
                current.firstLine = line;
            }
        }
        current.value = new Build.SetValue(target.leaf(), value, line);
    }

    /** The first branch of a choice mapped below a parent wins; another one is reported. */
    private boolean choose(Planned parent, TargetNode node, String key, MappingLine line, int index) {
        Planned chosen = parent.choices.get(node.choice().group());
        if (chosen == null) {
            parent.choices.put(node.choice().group(), parent.child(node, key));
            return true;
        }
        if (chosen.node.choice().branch() == node.choice().branch()) {
            return true;
        }
        TargetPath.Segment segment = line.target().segments().get(Math.min(index, line.target().segments().size() - 1));
        diagnostics.reportWithHint(DiagnosticCode.CHOICE_CONFLICT, segment.position(), "map only one of them",
                key, chosen.key, chosen.firstLine.line());
        return false;
    }

    /**
     * The plan of every part of the request, once every line is in; reports repeated elements no
     * array fills and required elements left unmapped.
     */
    List<BoundConnector.Part> finish(MappingFile mapping, Position mappingReference) {
        List<BoundConnector.Part> parts = new ArrayList<>();
        for (RequestPart part : operation.parts()) {
            Planned root = roots.get(part.name());
            if (!part.input() || root == null && part.header()) {
                parts.add(new BoundConnector.Part(part, null));
                continue;
            }
            if (root == null) {
                root = new Planned(part.root(), part.name());
                if (part.root() instanceof ValueNode && !covered.contains(part.name())) {
                    reportMissing(part.root(), part.name(), mapping, mappingReference);
                }
            }
            checkRequired(root, mapping, mappingReference, 0);
            checkLoops(root);
            parts.add(new BoundConnector.Part(part, build(root, true)));
        }
        return parts;
    }

    private void checkRequired(Planned planned, MappingFile mapping, Position mappingReference, int depth) {
        if (!(planned.node instanceof ObjectNode object) || depth > MAX_REQUIRED_DEPTH) {
            return;
        }
        Map<Integer, List<String>> unmadeChoices = new LinkedHashMap<>();
        for (TargetNode child : object.children()) {
            if (child.choice() != null && child.choice().required()) {
                unmadeChoices.computeIfAbsent(child.choice().group(), group -> new ArrayList<>())
                        .add(planned.key + "/" + TargetResolver.step(child));
            }
        }
        unmadeChoices.values().removeIf(keys -> keys.stream().anyMatch(key -> planned.children.containsKey(key)
                || covered.contains(key)));
        unmadeChoices.values().forEach(keys -> diagnostics.reportWithHint(DiagnosticCode.REQUIRED_CHOICE_UNMAPPED,
                mappingReference, "map one of them in " + mapping.fileName(), String.join(", ", keys)));
        for (TargetNode child : object.children()) {
            String key = planned.key + "/" + TargetResolver.step(child);
            Planned mapped = planned.children.get(key);
            if (mapped != null) {
                checkRequired(mapped, mapping, mappingReference, depth + 1);
                continue;
            }
            if (!child.occurs().isRequired() || child.choice() != null || covered.contains(key)) {
                continue;
            }
            if (child instanceof ObjectNode && !child.occurs().isRepeated()) {
                // A required element must be sent even when nothing below it is mapped.
                checkRequired(planned.child(child, key), mapping, mappingReference, depth + 1);
            } else {
                reportMissing(child, key, mapping, mappingReference);
            }
        }
    }

    private void reportMissing(TargetNode node, String key, MappingFile mapping, Position mappingReference) {
        if (node instanceof UnsupportedNode) {
            return; // reported where a line names it; a mapping cannot fill it anyway
        }
        if (node.occurs().isRepeated()) {
            diagnostics.reportWithHint(DiagnosticCode.REQUIRED_REPETITION_UNMAPPED, mappingReference,
                    "map an array onto it, like '<array>[].<field> -> " + key + "/...' in " + mapping.fileName(), key);
            return;
        }
        diagnostics.reportWithHint(DiagnosticCode.REQUIRED_TARGET_UNMAPPED, mappingReference,
                "add a line '<field> -> " + key + "' to " + mapping.fileName(), key);
    }

    private void checkLoops(Planned planned) {
        if (planned.node.occurs().isRepeated() && !loops.containsKey(planned.key) && planned.firstLine != null) {
            diagnostics.reportWithHint(DiagnosticCode.REPETITION_WITHOUT_ARRAY, planned.firstLine.target().position(),
                    "map an array onto it, for example items[].sku -> " + planned.key + "/SKU",
                    planned.key);
            return;
        }
        planned.children.values().forEach(this::checkLoops);
    }

    private Build build(Planned planned, boolean root) {
        Build single;
        if (planned.node instanceof ObjectNode object) {
            List<Build> members = new ArrayList<>();
            for (Object member : planned.members) {
                members.add(build((Planned) member, false));
            }
            if (planned.value != null) {
                members.add(planned.value);
            }
            boolean always = root || planned.node.occurs().isRepeated() || planned.node.occurs().isRequired()
                    || members.stream().anyMatch(RequestPlanner::hasValueWhateverTheEvent);
            single = new Build.NewObject(object, always, members);
        } else {
            single = planned.value;
        }
        Loop loop = loops.get(planned.key);
        if (!root && planned.node.occurs().isRepeated() && loop != null) {
            return new Build.EachEntry(planned.node, loop.array(), single, loop.line());
        }
        return single;
    }

    /** A constant, a default or an array's entry: a value the object gets whatever the event holds. */
    private static boolean hasValueWhateverTheEvent(Build build) {
        if (build instanceof Build.SetValue set) {
            return !(set.value().read() instanceof Read.Field field) || field.fallback() != null;
        }
        return build instanceof Build.NewObject object
                && object.members().stream().anyMatch(RequestPlanner::hasValueWhateverTheEvent);
    }
}
