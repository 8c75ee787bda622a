package dev.ess.compiler.manifest;

import static dev.ess.compiler.manifest.Json.object;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** The kinds of value a manifest key may take. */
final class ValueTypes {

    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern FIELD_PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    /** A topic-exchange binding key: dot-separated words, wildcards standing alone. */
    private static final Pattern TOPIC_PATTERN = Pattern.compile("(\\*|#|[^.*#\\s]+)(\\.(\\*|#|[^.*#\\s]+))*");
    private static final int MAX_LENGTH = ValueReader.MAX_VALUE_LENGTH;

    private ValueTypes() {}

    static final ValueType<String> ID = new ValueType<>("a letter, then letters, digits, `_`, `-`",
            text(ID_PATTERN), ValueTypes::id, SpecValue.Text::new);

    static final ValueType<String> TOPIC = new ValueType<>("words separated by `.`, with `*` and `#` as whole words",
            text(TOPIC_PATTERN), ValueTypes::topic, SpecValue.Text::new);

    static final ValueType<String> URL = new ValueType<>("`http(s)` URL, may hold `${env:NAME}`",
            object("type", "string", "pattern", "^([Hh][Tt][Tt][Pp][Ss]?://|\\$\\{env:)", "maxLength", MAX_LENGTH),
            ValueReader::url, SpecValue.Text::new);

    static final ValueType<List<Located<String>>> FIELDS = new ValueType<>(
            "non-empty list of names like `permit_id` or `owner.name`, each once",
            object("type", "array", "minItems", 1, "uniqueItems", true, "items", text(FIELD_PATTERN)),
            (reader, key, value) -> reader.names(key, value, FIELD_PATTERN, "field names like permit_id or owner.name"),
            fields -> new SpecValue.Texts(fields.stream().map(Located::value).toList()));

    static final ValueType<String> FIELD = new ValueType<>("one of `fields`",
            text(FIELD_PATTERN), (reader, key, value) -> reader.text(key, value, false), SpecValue.Text::new);

    static final ValueType<String> NAME = new ValueType<>("text",
            object("type", "string", "pattern", "\\S", "maxLength", MAX_LENGTH),
            (reader, key, value) -> reader.text(key, value, false), SpecValue.Text::new);

    static final ValueType<String> FILE = new ValueType<>("file name",
            object("type", "string", "pattern", "\\S", "maxLength", MAX_LENGTH),
            ValueReader::existingFile, null);

    static final ValueType<MappingSource> MAPPING = new ValueType<>("file name, or a literal block",
            object("type", "string", "pattern", "\\S"), ValueReader::mapping, null);

    static final ValueType<Boolean> FLAG = new ValueType<>("`true` or `false`",
            object("type", "boolean"), ValueReader::flag, SpecValue.Flag::new);

    static final ValueType<Duration> DURATION = new ValueType<>("minutes, or `30s`, `15m`, `2h`, `1d`",
            object("anyOf", List.of(
                    object("type", "integer", "minimum", 0, "maximum", 999_999_999),
                    object("type", "string", "pattern", "^\\s*[0-9]{1,9}\\s*[smhd]\\s*$"))),
            ValueReader::duration, SpecValue.Span::new);

    /** @param expected what a wrong value's message says it must be */
    static ValueType<Integer> wholeNumber(int minimum, String expected) {
        return new ValueType<>("whole number ≥ " + minimum, object("type", "integer", "minimum", minimum),
                (reader, key, value) -> reader.wholeNumber(key, value, minimum, expected), SpecValue.WholeNumber::new);
    }

    private static Map<String, Object> text(Pattern pattern) {
        return object("type", "string", "pattern", "^" + pattern.pattern() + "$", "maxLength", MAX_LENGTH);
    }

    /** An id, kept even when it is reported as invalid, so that the connector's mapping is still checked. */
    private static Optional<Located<String>> id(ValueReader reader, String key, Node value) {
        Optional<Located<String>> id = reader.text(key, value, false);
        if (id.isPresent() && !ID_PATTERN.matcher(id.get().value()).matches()) {
            reader.diagnostics().report(DiagnosticCode.INVALID_ID, id.get().position(), id.get().value());
        }
        return id;
    }

    private static Optional<Located<String>> topic(ValueReader reader, String key, Node value) {
        Optional<Located<String>> topic = reader.text(key, value, false);
        if (topic.isPresent() && !TOPIC_PATTERN.matcher(topic.get().value()).matches()) {
            reader.diagnostics().reportWithHint(DiagnosticCode.WRONG_VALUE, topic.get().position(),
                    "'*' matches one word and '#' any number of words, for example \"permits.*\"",
                    key, "words separated by '.', with * and # only as whole words",
                    "'" + topic.get().value() + "'");
            return Optional.empty();
        }
        return topic;
    }
}
