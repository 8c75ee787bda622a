package dev.ess.compiler.manifest;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What a manifest value may be: how it is read and checked, how users and editors see it, and how
 * it reaches the connector's spec.
 *
 * @param described the value as the README's table of keys describes it
 * @param schema its JSON Schema, for editors
 * @param reading reads one YAML value, reporting what is wrong with it
 * @param toSpec the value as the spec's builder takes it; {@code null} for values only the compiler reads
 */
record ValueType<T>(String described, Map<String, Object> schema, Reading<T> reading, Function<T, SpecValue> toSpec) {

    @FunctionalInterface
    interface Reading<T> {
        /** The value, or empty when it is wrong (reported). */
        Optional<Located<T>> read(ValueReader reader, String key, Node value);
    }
}
