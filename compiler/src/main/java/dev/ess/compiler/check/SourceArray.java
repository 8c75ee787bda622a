package dev.ess.compiler.check;

import dev.ess.compiler.partner.Occurs;
import java.util.Objects;

/**
 * A JSON array of the event whose entries fill a repeated element, one entry each.
 *
 * @param outer the array whose entries hold this one, or {@code null} when the event does
 * @param path the dotted path from the event or the outer entry: {@code items}, {@code order.lines}
 * @param reader how one entry is read when the entries are values; {@code null} when they are objects
 * @param bounds how many entries the partner's schema takes
 * @param written the array as the mapping names it, for messages: {@code orders[].lines[]}
 */
public record SourceArray(SourceArray outer, String path, Reader reader, Occurs bounds, String written) {

    public SourceArray {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(written, "written");
    }

    public boolean holdsObjects() {
        return reader == null;
    }
}
