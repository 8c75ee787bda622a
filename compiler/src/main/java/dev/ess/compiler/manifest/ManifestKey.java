package dev.ess.compiler.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One key a manifest may hold, declared once in {@link ManifestKeys}: its value type, whether it
 * is required, what it means, its default, and how it reaches the connector's spec. The loader,
 * the emitter, the JSON Schema and the README's table all follow these declarations.
 */
public final class ManifestKey<T> {

    private final String name;
    private final ValueType<T> type;
    private final boolean required;
    private final List<String> needs;
    private final String example;
    private final String meaning;
    private final Optional<String> byDefault;
    private final Optional<String> defaultDescribed;
    private final Optional<String> specMethod;

    private ManifestKey(Builder<T> builder) {
        this.name = builder.name;
        this.type = builder.type;
        this.required = builder.required;
        this.needs = List.copyOf(builder.needs);
        this.example = Objects.requireNonNull(builder.example, "example");
        this.meaning = Objects.requireNonNull(builder.meaning, "meaning");
        this.byDefault = Optional.ofNullable(builder.byDefault);
        this.defaultDescribed = Optional.ofNullable(builder.defaultDescribed);
        this.specMethod = Optional.ofNullable(builder.specMethod);
    }

    static <T> Builder<T> required(String name, ValueType<T> type) {
        return new Builder<>(name, type, true);
    }

    static <T> Builder<T> optional(String name, ValueType<T> type) {
        return new Builder<>(name, type, false);
    }

    /** The key as a manifest writes it: {@code max_retry}. */
    public String name() {
        return name;
    }

    public boolean required() {
        return required;
    }

    /** Keys that must stand beside this one. */
    public List<String> needs() {
        return needs;
    }

    /** A value as a manifest would write it, for hints and editors. */
    public String example() {
        return example;
    }

    /** What the key means, in one sentence for users. */
    public String meaning() {
        return meaning;
    }

    /** The value the runtime takes when the manifest leaves the key out, as a manifest would write it. */
    public Optional<String> byDefault() {
        return byDefault;
    }

    /** What happens when the manifest leaves the key out, when that is no single value. */
    public Optional<String> defaultDescribed() {
        return defaultDescribed;
    }

    /** The {@code ConnectorSpec.Builder} method that takes the value; empty for keys only the compiler reads. */
    public Optional<String> specMethod() {
        return specMethod;
    }

    /** The value as README's table describes it. */
    public String described() {
        return type.described();
    }

    ValueType<T> type() {
        return type;
    }

    Optional<Located<T>> read(ValueReader reader, Node value) {
        return type.reading().read(reader, name, value);
    }

    Optional<SpecSetting> specSetting(Located<?> value) {
        @SuppressWarnings("unchecked") // values are stored under their own key, so they have its type
        T typed = (T) value.value();
        return specMethod.map(method -> new SpecSetting(method, type.toSpec().apply(typed), value.position()));
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder<T> {
        private final String name;
        private final ValueType<T> type;
        private final boolean required;
        private List<String> needs = List.of();
        private String example;
        private String meaning;
        private String byDefault;
        private String defaultDescribed;
        private String specMethod;

        private Builder(String name, ValueType<T> type, boolean required) {
            this.name = name;
            this.type = type;
            this.required = required;
        }

        Builder<T> example(String example) {
            this.example = example;
            return this;
        }

        Builder<T> means(String meaning) {
            this.meaning = meaning;
            return this;
        }

        Builder<T> needs(String... keys) {
            this.needs = List.of(keys);
            return this;
        }

        /** @param value the default as a manifest would write it */
        Builder<T> byDefault(String value) {
            this.byDefault = value;
            return this;
        }

        Builder<T> byDefaultDescribed(String words) {
            this.defaultDescribed = words;
            return this;
        }

        /** @param method the {@code ConnectorSpec.Builder} method that takes the value */
        Builder<T> toSpec(String method) {
            if (type.toSpec() == null) {
                throw new IllegalArgumentException(name + ": a " + type.described() + " does not reach the spec");
            }
            this.specMethod = method;
            return this;
        }

        ManifestKey<T> declare() {
            return new ManifestKey<>(this);
        }
    }
}
