package dev.ess.compiler.check;

import dev.ess.compiler.mapping.MappingLine;
import dev.ess.compiler.wsdl.SimpleType;
import dev.ess.compiler.wsdl.XmlElement;
import java.util.List;
import java.util.Objects;

/**
 * A checked mapping line: its target resolved to the chain of elements from the request's root
 * to the leaf, and the kind the source is read as.
 *
 * @param path the request's root element first, the mapped leaf last
 * @param sourceKind the kind a field is read as, or a constant's own kind
 */
public record Assignment(MappingLine line, List<XmlElement> path, ValueKind sourceKind) {

    public Assignment {
        Objects.requireNonNull(line, "line");
        path = List.copyOf(path);
        Objects.requireNonNull(sourceKind, "sourceKind");
    }

    public XmlElement leaf() {
        return path.get(path.size() - 1);
    }

    public SimpleType leafType() {
        return (SimpleType) leaf().type();
    }

    /** Whether the line's functions include {@code default(...)}. */
    public boolean hasDefault() {
        return line.functions().stream().anyMatch(f -> f.name().equals(BuiltinFunction.DEFAULT.dslName()));
    }
}
