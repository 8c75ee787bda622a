package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;
import java.util.List;
import java.util.Objects;

/**
 * One line {@code source | fn | fn(args) -> Target/Path}.
 *
 * @param text the line as written, without trailing blanks or comment, for generated Javadoc
 */
public record MappingLine(Position position, Source source, List<FunctionCall> functions, TargetPath target, String text) {

    public MappingLine {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(source, "source");
        functions = List.copyOf(functions);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
    }

    public int line() {
        return position.line();
    }
}
