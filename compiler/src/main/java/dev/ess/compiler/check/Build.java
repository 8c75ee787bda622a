package dev.ess.compiler.check;

import dev.ess.compiler.mapping.MappingLine;
import dev.ess.compiler.partner.ObjectNode;
import dev.ess.compiler.partner.TargetNode;
import dev.ess.compiler.partner.ValueNode;
import java.util.List;
import java.util.Objects;

/**
 * How one piece of the request comes to be, as the checker planned it: the emitter renders these
 * in order and decides nothing.
 */
public sealed interface Build {

    TargetNode node();

    /**
     * A stub object, with what goes into it in the order of the mapping's lines.
     *
     * @param always whether it is always sent; otherwise only when something below it has a value
     */
    record NewObject(ObjectNode node, boolean always, List<Build> members) implements Build {
        public NewObject {
            Objects.requireNonNull(node, "node");
            members = List.copyOf(members);
        }
    }

    /** One value set on its object: an element, an attribute or simple content. */
    record SetValue(ValueNode node, BoundValue value, MappingLine line) implements Build {
        public SetValue {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * A repeated element, one per entry of an array.
     *
     * @param line the first line that names the array, cited by the loop
     */
    record EachEntry(TargetNode node, SourceArray array, Build entry, MappingLine line) implements Build {
        public EachEntry {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(array, "array");
            Objects.requireNonNull(entry, "entry");
        }
    }
}
