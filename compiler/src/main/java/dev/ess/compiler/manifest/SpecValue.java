package dev.ess.compiler.manifest;

import java.time.Duration;
import java.util.List;

/** A manifest value as the connector's spec takes it: the argument of one {@code ConnectorSpec.Builder} call. */
public sealed interface SpecValue {

    record Text(String value) implements SpecValue {}

    record Texts(List<String> values) implements SpecValue {
        public Texts {
            values = List.copyOf(values);
        }
    }

    record WholeNumber(int value) implements SpecValue {}

    record Flag(boolean value) implements SpecValue {}

    record Span(Duration value) implements SpecValue {}
}
