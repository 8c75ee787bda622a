package dev.ess.compiler.check;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Suggestions;
import dev.ess.compiler.mapping.TargetPath;
import dev.ess.compiler.partner.ObjectNode;
import dev.ess.compiler.partner.PartnerOperation;
import dev.ess.compiler.partner.RequestPart;
import dev.ess.compiler.partner.TargetNode;
import dev.ess.compiler.partner.UnsupportedNode;
import dev.ess.compiler.partner.ValueNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follows a mapping line's target path through the request's parts: every step must exist, a
 * repeated element must be written {@code Name[]} and only a repeated one, an attribute comes last,
 * and the end must be a value ESS can fill.
 */
final class TargetResolver {

    /** How deep paths are listed for hints: types that contain themselves would go on forever. */
    private static final int MAX_LISTED_DEPTH = 8;

    /**
     * A target path resolved.
     *
     * @param nodes the part's root first; the value set last (an element's simple content after its element)
     */
    record Resolved(TargetPath path, RequestPart part, List<TargetNode> nodes, TargetType type) {

        /** The path of the node at an index, as the mapping writes it; simple content is {@code Path/#text}. */
        String written(int index) {
            return index < path.segments().size() ? path.prefix(index + 1) : path + "/#text";
        }

        ValueNode leaf() {
            return (ValueNode) nodes.get(nodes.size() - 1);
        }

        /** The indexes of the repeated nodes, outermost first. */
        List<Integer> repetitions() {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 1; i < nodes.size(); i++) {
                if (nodes.get(i).occurs().isRepeated()) {
                    indexes.add(i);
                }
            }
            return indexes;
        }
    }

    private final Diagnostics diagnostics;
    private final PartnerOperation operation;
    private final Set<String> suggested;

    /** @param suggested collects targets offered as "did you mean", which are surely meant to be mapped */
    TargetResolver(Diagnostics diagnostics, PartnerOperation operation, Set<String> suggested) {
        this.diagnostics = diagnostics;
        this.operation = operation;
        this.suggested = suggested;
    }

    Optional<Resolved> resolve(TargetPath target) {
        List<TargetPath.Segment> segments = target.segments();
        TargetPath.Segment first = segments.get(0);
        Optional<RequestPart> part = first.attribute() ? Optional.empty() : operation.input(first.name());
        if (part.isEmpty()) {
            reportUnknown(target, first);
            return Optional.empty();
        }
        if (first.each()) {
            diagnostics.reportWithHint(DiagnosticCode.TARGET_NOT_REPEATED, first.position(),
                    "remove the []", first.name() + "[]");
            return Optional.empty();
        }
        List<TargetNode> nodes = new ArrayList<>(List.of(part.get().root()));
        TargetNode current = part.get().root();
        for (int i = 1; i < segments.size(); i++) {
            TargetPath.Segment segment = segments.get(i);
            Optional<TargetNode> child = current instanceof ObjectNode object && !current.isAttribute()
                    ? object.child(segment.attribute() ? "@" + segment.name() : segment.name())
                    : Optional.empty();
            if (child.isEmpty()) {
                reportUnknown(target, segment);
                return Optional.empty();
            }
            TargetNode node = child.get();
            String written = target.prefix(i + 1);
            if (node instanceof UnsupportedNode unsupported) {
                diagnostics.reportWithHint(DiagnosticCode.TARGET_TYPE_UNSUPPORTED, segment.position(),
                        unsupported.advice(), written, unsupported.what());
                return Optional.empty();
            }
            if (node.occurs().isRepeated() && !segment.each()) {
                diagnostics.reportWithHint(DiagnosticCode.TARGET_REPEATED, segment.position(),
                        "write " + written + "[] and map an array onto it, e.g. items[].sku -> " + written + "[]/...",
                        written, node.occurs().describeMax());
                return Optional.empty();
            }
            if (!node.occurs().isRepeated() && segment.each()) {
                diagnostics.reportWithHint(DiagnosticCode.TARGET_NOT_REPEATED, segment.position(), "remove the []",
                        written);
                return Optional.empty();
            }
            nodes.add(node);
            current = node;
        }
        if (current instanceof UnsupportedNode unsupported) {
            diagnostics.reportWithHint(DiagnosticCode.TARGET_TYPE_UNSUPPORTED, target.position(), unsupported.advice(),
                    target.toString(), unsupported.what());
            return Optional.empty();
        }
        if (current instanceof ObjectNode object) {
            if (object.content().isEmpty()) {
                diagnostics.reportWithHint(DiagnosticCode.TARGET_NOT_A_VALUE, target.position(),
                        "its elements: " + String.join(", ", object.children().stream()
                                .filter(child -> !child.isAttribute() && !(child instanceof UnsupportedNode))
                                .map(child -> target + "/" + step(child)).toList()),
                        target.toString());
                return Optional.empty();
            }
            current = object.content().get();
            nodes.add(current);
        }
        ValueNode leaf = (ValueNode) current;
        Optional<TargetType> type = TargetType.of(leaf.value());
        if (type.isEmpty()) {
            diagnostics.report(DiagnosticCode.TARGET_TYPE_UNSUPPORTED, target.position(), target.toString(),
                    leaf.value().describe() + " (Java " + leaf.value().javaType() + ")");
            return Optional.empty();
        }
        return Optional.of(new Resolved(target, part.get(), nodes, type.get()));
    }

    private void reportUnknown(TargetPath target, TargetPath.Segment segment) {
        List<String> known = new ArrayList<>();
        for (RequestPart part : operation.inputs()) {
            collect(part.root(), part.name(), known, new HashSet<>(), 0);
        }
        Optional<String> closest = Suggestions.closest(target.toString(), known);
        closest.ifPresent(suggested::add);
        String hint = closest.map(path -> "did you mean '" + path + "'?")
                .orElse(known.size() <= 30 ? "targets: " + String.join(", ", known)
                        : "targets start with " + String.join(", ", operation.inputs().stream().map(RequestPart::name).toList()));
        diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_TARGET, segment.position(), hint, target.toString());
    }

    /** Every value a mapping can name below a node, as a mapping would write it. */
    private static void collect(TargetNode node, String path, List<String> paths, Set<Object> open, int depth) {
        if (node instanceof ValueNode) {
            paths.add(path);
            return;
        }
        if (!(node instanceof ObjectNode object) || depth > MAX_LISTED_DEPTH || !open.add(object.javaClass())) {
            return;
        }
        if (object.content().isPresent()) {
            paths.add(path);
        }
        for (TargetNode child : object.children()) {
            collect(child, path + "/" + step(child), paths, open, depth + 1);
        }
        open.remove(object.javaClass());
    }

    /** A node as a path step: {@code Item[]} for a repeated element. */
    static String step(TargetNode node) {
        return node.name() + (node.occurs().isRepeated() ? "[]" : "");
    }
}
