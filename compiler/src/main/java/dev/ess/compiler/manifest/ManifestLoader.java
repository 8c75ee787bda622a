package dev.ess.compiler.manifest;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.Suggestions;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads a manifest through SnakeYAML's node API, so every key and value keeps its line and
 * column, and reports every problem of the file at once.
 */
public final class ManifestLoader {

    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_]*}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*([smhd])");

    private final Diagnostics diagnostics;

    public ManifestLoader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The manifest, or empty when the file has errors (all of them reported). */
    public Optional<Manifest> load(Path file) {
        Optional<Node> root = compose(file);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            diagnostics.report(DiagnosticCode.MANIFEST_NOT_A_MAPPING, position(file, root.get()), describe(root.get()));
            return Optional.empty();
        }
        int errorsBefore = diagnostics.errorCount();
        Set<String> suggested = new HashSet<>();
        Map<ManifestKey, NodeTuple> entries = entries(file, mapping, suggested);
        Manifest manifest = new Reading(file, mapping, entries, suggested).manifest();
        return diagnostics.errorCount() > errorsBefore ? Optional.empty() : Optional.ofNullable(manifest);
    }

    private Optional<Node> compose(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder())) {
            Node root = yaml.compose(reader);
            if (root == null) {
                diagnostics.reportWithHint(DiagnosticCode.MANIFEST_NOT_A_MAPPING, Position.of(file),
                        "start with 'id: <connector id>'", "an empty file");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (NoSuchFileException e) {
            diagnostics.report(DiagnosticCode.FILE_NOT_FOUND, Position.of(file), file.getFileName());
        } catch (CharacterCodingException e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, Position.of(file), file.getFileName(), "not UTF-8 text");
        } catch (IOException e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, Position.of(file), file.getFileName(), e.getMessage());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position position = mark == null
                    ? Position.of(file)
                    : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            diagnostics.report(DiagnosticCode.YAML_SYNTAX, position, problem.strip());
        } catch (YAMLException e) {
            String problem = e.getCause() instanceof CharacterCodingException ? "not UTF-8 text" : firstLine(e.getMessage());
            diagnostics.report(DiagnosticCode.YAML_SYNTAX, Position.of(file), problem);
        }
        return Optional.empty();
    }

    /**
     * The known keys, each once; unknown and duplicate keys are reported.
     *
     * @param suggested receives the keys offered as "did you mean", whose absence is then not reported again
     */
    private Map<ManifestKey, NodeTuple> entries(Path file, MappingNode mapping, Set<String> suggested) {
        Map<ManifestKey, NodeTuple> entries = new EnumMap<>(ManifestKey.class);
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                diagnostics.report(DiagnosticCode.WRONG_VALUE, position(file, keyNode), "a key", "a plain name", describe(keyNode));
                continue;
            }
            String name = scalar.getValue();
            Node first = seen.putIfAbsent(name, keyNode);
            if (first != null) {
                diagnostics.report(DiagnosticCode.DUPLICATE_KEY, position(file, keyNode), name,
                        first.getStartMark().getLine() + 1);
                continue;
            }
            Optional<ManifestKey> key = ManifestKey.named(name);
            if (key.isEmpty()) {
                Optional<String> closest = Suggestions.closest(name, ManifestKey.names());
                closest.ifPresent(suggested::add);
                diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_KEY, position(file, keyNode),
                        closest.map(known -> "did you mean '" + known + "'?")
                                .orElse("known keys: " + String.join(", ", ManifestKey.names())),
                        name);
                continue;
            }
            entries.put(key.get(), tuple);
        }
        return entries;
    }

    /** Reads the values of one manifest; each getter reports its own problems. */
    private final class Reading {
        private final Path file;
        private final MappingNode root;
        private final Map<ManifestKey, NodeTuple> entries;
        private final Set<String> suggested;

        Reading(Path file, MappingNode root, Map<ManifestKey, NodeTuple> entries, Set<String> suggested) {
            this.file = file;
            this.root = root;
            this.entries = entries;
            this.suggested = suggested;
        }

        Manifest manifest() {
            Optional<Located<String>> id = text(ManifestKey.ID);
            id.filter(value -> !ID.matcher(value.value()).matches())
                    .ifPresent(value -> diagnostics.report(DiagnosticCode.INVALID_ID, value.position(), value.value()));
            Optional<Located<String>> listenTopic = text(ManifestKey.LISTEN_TOPIC);
            Optional<Located<String>> targetUrl = url(ManifestKey.TARGET_URL);
            List<Located<String>> fields = fields();
            Optional<Located<String>> key = text(ManifestKey.KEY);
            if (key.isPresent() && !fields.isEmpty()
                    && fields.stream().noneMatch(f -> f.value().equals(key.get().value()))) {
                List<String> names = fields.stream().map(Located::value).toList();
                String hint = Suggestions.didYouMean(key.get().value(), names);
                diagnostics.reportWithHint(DiagnosticCode.KEY_NOT_A_FIELD, key.get().position(),
                        hint != null ? hint : "fields are: " + String.join(", ", names), key.get().value());
            }
            Optional<Located<Integer>> heartbeatSec = integer(ManifestKey.HEARTBEAT_SEC, 1, "a positive whole number of seconds");
            Optional<Located<Integer>> maxRetry = integer(ManifestKey.MAX_RETRY, 0, "a whole number, 0 or more");
            Optional<Located<Integer>> parallelism = integer(ManifestKey.PARALLELISM, 1, "a whole number, 1 or more");
            Optional<Located<Integer>> debounceSec = integer(ManifestKey.DEBOUNCE_SEC, 0, "a whole number of seconds, 0 or more");
            Optional<Located<Duration>> replayWindow = duration(ManifestKey.REPLAY_WINDOW);
            Optional<Located<String>> wsdl = text(ManifestKey.WSDL);
            Optional<Located<String>> operation = text(ManifestKey.OPERATION);
            Optional<Located<String>> mapping = text(ManifestKey.MAPPING);
            Optional<Located<String>> pingUrl = url(ManifestKey.PING_URL);
            requireTogether(ManifestKey.WSDL, ManifestKey.OPERATION);
            requireTogether(ManifestKey.OPERATION, ManifestKey.WSDL);
            for (ManifestKey required : ManifestKey.values()) {
                if (required.required() && !entries.containsKey(required) && !suggested.contains(required.yamlName())) {
                    diagnostics.reportWithHint(DiagnosticCode.MISSING_KEY, start(),
                            "add '" + required.yamlName() + ": " + required.example() + "'", required.yamlName());
                }
            }
            if (id.isEmpty() || listenTopic.isEmpty() || targetUrl.isEmpty() || fields.isEmpty()) {
                return null;
            }
            return new Manifest(file, id.get(), listenTopic.get(), targetUrl.get(), fields, key, heartbeatSec,
                    maxRetry, parallelism, debounceSec, replayWindow, wsdl, operation, mapping, pingUrl);
        }

        private void requireTogether(ManifestKey present, ManifestKey needed) {
            if (entries.containsKey(present) && !entries.containsKey(needed)) {
                diagnostics.reportWithHint(DiagnosticCode.MISSING_KEY, start(),
                        "'" + present.yamlName() + "' needs '" + needed.yamlName() + ": " + needed.example() + "'",
                        needed.yamlName());
            }
        }

        private Optional<Located<String>> text(ManifestKey key) {
            NodeTuple entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            Node value = entry.getValueNode();
            if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR) && !scalar.getValue().isBlank()) {
                return Optional.of(new Located<>(scalar.getValue(), position(file, value)));
            }
            wrong(key, value, "a text");
            return Optional.empty();
        }

        private Optional<Located<String>> url(ManifestKey key) {
            Optional<Located<String>> text = text(key);
            if (text.isPresent() && !isUrl(text.get().value())) {
                diagnostics.report(DiagnosticCode.WRONG_VALUE, text.get().position(), key.yamlName(),
                        "an http(s) URL or ${env:NAME}", "'" + text.get().value() + "'");
                return Optional.empty();
            }
            return text;
        }

        private Optional<Located<Integer>> integer(ManifestKey key, int minimum, String expected) {
            NodeTuple entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            Node value = entry.getValueNode();
            if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
                try {
                    int number = Integer.parseInt(scalar.getValue().replace("_", ""));
                    if (number >= minimum) {
                        return Optional.of(new Located<>(number, position(file, value)));
                    }
                } catch (NumberFormatException e) {
                    // too large, or an octal/hex spelling: reported below like any wrong value
                }
            }
            wrong(key, value, expected);
            return Optional.empty();
        }

        private Optional<Located<Duration>> duration(ManifestKey key) {
            NodeTuple entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            Node value = entry.getValueNode();
            if (value instanceof ScalarNode scalar) {
                if (scalar.getTag().equals(Tag.INT) && scalar.getValue().matches("[0-9]{1,9}")) {
                    return Optional.of(new Located<>(Duration.ofMinutes(Long.parseLong(scalar.getValue())), position(file, value)));
                }
                Matcher matcher = DURATION.matcher(scalar.getValue().strip());
                if (scalar.getTag().equals(Tag.STR) && matcher.matches()) {
                    long amount = Long.parseLong(matcher.group(1));
                    Duration duration = switch (matcher.group(2)) {
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
                    return Optional.of(new Located<>(duration, position(file, value)));
                }
            }
            wrong(key, value, "minutes, or a duration like 30s, 15m, 2h or 1d");
            return Optional.empty();
        }

        private List<Located<String>> fields() {
            NodeTuple entry = entries.get(ManifestKey.FIELDS);
            if (entry == null) {
                return List.of();
            }
            Node value = entry.getValueNode();
            if (!(value instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                wrong(ManifestKey.FIELDS, value, "a list of field names");
                return List.of();
            }
            List<Located<String>> fields = new ArrayList<>();
            Map<String, Node> seen = new HashMap<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR)
                        || !FIELD.matcher(scalar.getValue()).matches()) {
                    diagnostics.report(DiagnosticCode.WRONG_VALUE, position(file, item), "fields",
                            "field names like permit_id or owner.name", describe(item));
                } else if (seen.putIfAbsent(scalar.getValue(), item) != null) {
                    diagnostics.report(DiagnosticCode.DUPLICATE_FIELD, position(file, item), scalar.getValue());
                } else {
                    fields.add(new Located<>(scalar.getValue(), position(file, item)));
                }
            }
            return fields;
        }

        private void wrong(ManifestKey key, Node value, String expected) {
            diagnostics.report(DiagnosticCode.WRONG_VALUE, position(file, value), key.yamlName(), expected, describe(value));
        }

        private Position start() {
            return position(file, root);
        }
    }

    private static boolean isUrl(String value) {
        if (ENV_REFERENCE.matcher(value).matches()) {
            return true;
        }
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Position position(Path file, Node node) {
        Mark mark = node.getStartMark();
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** How a value reads in a message: "nothing", "the number 0", "'abc'", "a list". */
    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing";
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + scalar.getValue();
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + scalar.getValue();
        }
        return "'" + scalar.getValue() + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
