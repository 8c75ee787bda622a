package dev.ess.compiler.manifest;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.SourceText;
import dev.ess.compiler.diagnostic.Suggestions;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;
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
    /**
     * What a manifest may hold: YAML's own data types, nothing that names a Java class. A merge
     * key passes here and is then reported as an unknown key.
     */
    private static final Set<Tag> PLAIN_TAGS = Set.of(
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP, Tag.MERGE);
    /** Query parameters whose value is a credential. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api_?key|credential).*");
    /** A topic-exchange binding key: dot-separated words, wildcards standing alone. */
    private static final Pattern TOPIC = Pattern.compile("(\\*|#|[^.*#\\s]+)(\\.(\\*|#|[^.*#\\s]+))*");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*([smhd])");

    /** How much of a wrong value a message quotes. */
    private static final int MAX_SHOWN = 60;
    /** SnakeYAML's own limit, in code points, counted here in bytes for the whole file. */
    private static final int MAX_MANIFEST_BYTES = 3 * 1024 * 1024;
    /** Characters of one value: far above any URL or topic, far below what a Java constant may hold. */
    private static final int MAX_VALUE_LENGTH = 4096;

    private final Diagnostics diagnostics;

    public ManifestLoader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The manifest, or empty when the file has errors (all of them reported). */
    public Optional<Manifest> load(Path file) {
        Optional<String> text = read(file);
        Optional<Node> root = text.flatMap(manifestText -> compose(file, manifestText));
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (!onlyPlainTags(file, root.get())) {
            return Optional.empty();
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            diagnostics.report(DiagnosticCode.MANIFEST_NOT_A_MAPPING, position(file, root.get()), describe(root.get()));
            return Optional.empty();
        }
        int errorsBefore = diagnostics.errorCount();
        Set<String> suggested = new HashSet<>();
        Map<ManifestKey, NodeTuple> entries = entries(file, mapping, suggested);
        Manifest manifest = new Reading(file, text.get(), mapping, entries, suggested).manifest();
        return diagnostics.errorCount() > errorsBefore ? Optional.empty() : Optional.ofNullable(manifest);
    }

    private Optional<String> read(Path file) {
        try {
            // Counted before reading: the YAML reader's own limit counts each document apart.
            long size = Files.size(file);
            if (size > MAX_MANIFEST_BYTES) {
                diagnostics.report(DiagnosticCode.FILE_UNREADABLE, Position.of(file), file.getFileName(), "it holds "
                        + size + " bytes, more than the 3 MB (" + MAX_MANIFEST_BYTES + " bytes) a manifest may hold");
                return Optional.empty();
            }
            return Optional.of(SourceText.read(file));
        } catch (NoSuchFileException e) {
            diagnostics.report(DiagnosticCode.FILE_NOT_FOUND, Position.of(file), file.getFileName());
        } catch (SourceText.NotUtf8Exception e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, e.position(), file.getFileName(), e.getMessage());
        } catch (IOException e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, Position.of(file), file.getFileName(), e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<Node> compose(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // Let every tag through to the node tree, where it is reported with its spot; nodes are never constructed.
        options.setTagInspector(tag -> true);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            Node root = yaml.compose(new StringReader(text));
            if (root == null) {
                diagnostics.reportWithHint(DiagnosticCode.MANIFEST_NOT_A_MAPPING, Position.of(file),
                        "start with 'id: <connector id>'", "an empty file");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position position = mark == null
                    ? Position.of(file)
                    : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            diagnostics.report(DiagnosticCode.YAML_SYNTAX, position, problem.strip());
        } catch (ReaderException e) {
            int index = e.getPosition() < text.codePointCount(0, text.length())
                    ? text.offsetByCodePoints(0, e.getPosition())
                    : text.length();
            diagnostics.report(DiagnosticCode.YAML_SYNTAX, SourceText.positionAt(file, text, index),
                    String.format(Locale.ROOT, "character U+%04X is not allowed in YAML", e.getCodePoint()));
        } catch (YAMLException e) {
            diagnostics.report(DiagnosticCode.YAML_SYNTAX, Position.of(file), firstLine(e.getMessage()));
        }
        return Optional.empty();
    }

    /**
     * Reports every explicit tag that would ask for more than plain data, such as
     * {@code !!java.net.URL}; the composed nodes are never constructed into objects anyway.
     */
    private boolean onlyPlainTags(Path file, Node root) {
        boolean plain = true;
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!visited.add(node)) {
                continue; // an alias: its node was seen already, and it may even contain itself
            }
            if (!PLAIN_TAGS.contains(node.getTag())) {
                diagnostics.reportWithHint(DiagnosticCode.YAML_TAG_NOT_ALLOWED, position(file, node),
                        "remove the tag and write the value as text", shown(node.getTag()));
                plain = false;
            }
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    pending.push(tuple.getValueNode());
                    pending.push(tuple.getKeyNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                for (int i = sequence.getValue().size() - 1; i >= 0; i--) {
                    pending.push(sequence.getValue().get(i));
                }
            }
        }
        return plain;
    }

    /** A tag as the user would have written it: {@code !!java.io.File}, not its full URI. */
    private static String shown(Tag tag) {
        return tag.getValue().startsWith(Tag.PREFIX) ? "!!" + tag.getValue().substring(Tag.PREFIX.length()) : tag.getValue();
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
        private final String manifestText;
        private final MappingNode root;
        private final Map<ManifestKey, NodeTuple> entries;
        private final Set<String> suggested;

        Reading(Path file, String text, MappingNode root, Map<ManifestKey, NodeTuple> entries, Set<String> suggested) {
            this.file = file;
            this.manifestText = text;
            this.root = root;
            this.entries = entries;
            this.suggested = suggested;
        }

        Manifest manifest() {
            Optional<Located<String>> id = text(ManifestKey.ID);
            id.filter(value -> !ID.matcher(value.value()).matches())
                    .ifPresent(value -> diagnostics.report(DiagnosticCode.INVALID_ID, value.position(), value.value()));
            Optional<Located<String>> listenTopic = text(ManifestKey.LISTEN_TOPIC);
            if (listenTopic.isPresent() && !TOPIC.matcher(listenTopic.get().value()).matches()) {
                diagnostics.reportWithHint(DiagnosticCode.WRONG_VALUE, listenTopic.get().position(),
                        "'*' matches one word and '#' any number of words, for example \"permits.*\"",
                        "listen_topic", "words separated by '.', with * and # only as whole words",
                        "'" + listenTopic.get().value() + "'");
                listenTopic = Optional.empty();
            }
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
            Optional<Located<String>> wsdl = existingFile(ManifestKey.WSDL);
            Optional<Located<String>> operation = text(ManifestKey.OPERATION);
            Optional<Located<String>> port = text(ManifestKey.PORT);
            Optional<String> inlineMapping = inlineMapping();
            Optional<Located<String>> mapping;
            if (inlineMapping.isPresent()) {
                ScalarNode block = (ScalarNode) entries.get(ManifestKey.MAPPING).getValueNode();
                mapping = Optional.of(new Located<>(block.getValue(), position(file, block)));
            } else {
                mapping = mappingLinesOutsideABlock() ? Optional.empty() : existingFile(ManifestKey.MAPPING);
            }
            Optional<Located<String>> copybook = existingFile(ManifestKey.COPYBOOK);
            Optional<Located<String>> pingUrl = url(ManifestKey.PING_URL);
            requireTogether(ManifestKey.WSDL, ManifestKey.OPERATION);
            requireTogether(ManifestKey.OPERATION, ManifestKey.WSDL);
            requireTogether(ManifestKey.PORT, ManifestKey.WSDL);
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
                    maxRetry, parallelism, debounceSec, replayWindow, wsdl, operation, port, mapping, inlineMapping,
                    pingUrl, copybook);
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
            if (!(value instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR) || scalar.getValue().isBlank()) {
                wrong(key, value, "a text");
                return Optional.empty();
            }
            Located<String> text = new Located<>(scalar.getValue(), position(file, value));
            if (!fitsAJavaConstant(key.yamlName(), text)) {
                return Optional.empty();
            }
            List<EnvReferences.Reference> references = EnvReferences.in(text.value());
            if (!references.isEmpty() && !key.readAtStart()) {
                diagnostics.reportWithHint(DiagnosticCode.ENV_REFERENCE_NOT_ALLOWED, text.position(),
                        "only target_url and ping_url are read from the environment, when the connector starts",
                        key.yamlName());
                return Optional.empty();
            }
            boolean wellFormed = true;
            for (EnvReferences.Reference reference : references) {
                if (!reference.wellFormed()) {
                    diagnostics.reportWithHint(DiagnosticCode.MALFORMED_ENV_REFERENCE,
                            within(scalar, text.position(), reference.offset()),
                            "write ${env:NAME}, NAME made of letters, digits and '_'", reference.text());
                    wellFormed = false;
                }
            }
            return wellFormed ? Optional.of(text) : Optional.empty();
        }

        /**
         * The mapping written in the manifest as a literal block ({@code mapping: |}): the manifest's
         * text with every other line blanked, so the mapping's positions are the manifest's own.
         */
        private Optional<String> inlineMapping() {
            NodeTuple entry = entries.get(ManifestKey.MAPPING);
            if (entry == null || !(entry.getValueNode() instanceof ScalarNode scalar)
                    || !scalar.getTag().equals(Tag.STR)) {
                return Optional.empty();
            }
            if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.LITERAL) {
                return Optional.empty();
            }
            List<String> lines = manifestText.lines().toList();
            int first = scalar.getStartMark().getLine() + 1;
            int last = Math.min(lines.size() - 1,
                    scalar.getEndMark().getLine() - (scalar.getEndMark().getColumn() == 0 ? 1 : 0));
            StringBuilder mapping = new StringBuilder();
            for (int line = 0; line <= last; line++) {
                mapping.append(line >= first ? lines.get(line) : "").append('\n');
            }
            return Optional.of(mapping.toString());
        }

        /** Whether {@code mapping} holds mapping lines, but not as a literal block (reported). */
        private boolean mappingLinesOutsideABlock() {
            NodeTuple entry = entries.get(ManifestKey.MAPPING);
            if (entry != null && entry.getValueNode() instanceof ScalarNode scalar && scalar.getValue().contains("->")) {
                diagnostics.reportWithHint(DiagnosticCode.WRONG_VALUE, position(file, scalar), "write 'mapping: |'"
                        + " and the mapping's lines below it, indented", "mapping",
                        "a file name, or mapping lines in a literal block", "mapping lines outside one");
                return true;
            }
            return false;
        }

        /** A file the manifest names: it must exist, relative to the manifest. */
        private Optional<Located<String>> existingFile(ManifestKey key) {
            Optional<Located<String>> name = text(key);
            if (name.isPresent()) {
                Path resolved;
                try {
                    resolved = file.toAbsolutePath().getParent().resolve(name.get().value()).normalize();
                } catch (InvalidPathException e) {
                    wrong(key, entries.get(key).getValueNode(), "a file name");
                    return Optional.empty();
                }
                if (!Files.isRegularFile(resolved)) {
                    diagnostics.reportWithHint(DiagnosticCode.FILE_NOT_FOUND, name.get().position(),
                            "the path is relative to the manifest's folder", name.get().value());
                    return Optional.empty();
                }
            }
            return name;
        }

        /** An http(s) URL, or one made of {@code ${env:NAME}} references, with no credential written out. */
        private Optional<Located<String>> url(ManifestKey key) {
            Optional<Located<String>> text = text(key);
            if (text.isEmpty() || EnvReferences.isWholly(text.get().value())) {
                return text;
            }
            Optional<URI> uri = httpUri(EnvReferences.withStandIns(text.get().value()));
            if (uri.isEmpty()) {
                diagnostics.report(DiagnosticCode.WRONG_VALUE, text.get().position(), key.yamlName(),
                        "an http(s) URL or ${env:NAME}", "'" + text.get().value() + "'");
                return Optional.empty();
            }
            Optional<WrittenSecret> secret = writtenSecret(uri.get());
            if (secret.isPresent()) {
                diagnostics.reportHidingSecret(secret.get().value(), DiagnosticCode.SECRET_IN_MANIFEST,
                        text.get().position(),
                        "write it as ${env:NAME} and set NAME where the connector runs; it is read when the connector starts",
                        key.yamlName(), secret.get().where());
                return Optional.empty();
            }
            return text;
        }

        /** Where a character of a one-line scalar is, counting its opening quote. */
        private Position within(ScalarNode scalar, Position start, int offset) {
            if (scalar.getStartMark().getLine() != scalar.getEndMark().getLine()) {
                return start;
            }
            int quote = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
            return new Position(file, start.line(), start.column() + quote + offset);
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
                } else if (fitsAJavaConstant("a field name", new Located<>(scalar.getValue(), position(file, item)))) {
                    fields.add(new Located<>(scalar.getValue(), position(file, item)));
                }
            }
            return fields;
        }

        /**
         * Manifest values become string constants of the generated connector, and javac refuses a
         * constant of more than 64 KB: such a value is reported here, at its line, instead.
         */
        private boolean fitsAJavaConstant(String what, Located<String> text) {
            if (text.value().length() <= MAX_VALUE_LENGTH) {
                return true;
            }
            diagnostics.report(DiagnosticCode.VALUE_TOO_LONG_FOR_JAVA, text.position(), what, text.value().length(),
                    MAX_VALUE_LENGTH);
            return false;
        }

        private void wrong(ManifestKey key, Node value, String expected) {
            diagnostics.report(DiagnosticCode.WRONG_VALUE, position(file, value), key.yamlName(), expected, describe(value));
        }

        private Position start() {
            return position(file, root);
        }
    }

    /**
     * A credential found in a value.
     *
     * @param where what it is, for the message
     * @param value the secret itself, kept out of the diagnostic
     */
    private record WrittenSecret(String where, String value) {}

    private static Optional<URI> httpUri(String value) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * What in a URL (its references replaced by stand-ins) is a credential written out: a
     * password in the user part, or a query parameter named like a secret.
     */
    private static Optional<WrittenSecret> writtenSecret(URI uri) {
        String user = uri.getRawUserInfo();
        if (user != null && user.contains(":") && !user.endsWith(":" + EnvReferences.STAND_IN)) {
            return Optional.of(new WrittenSecret("a password in the URL", user.substring(user.indexOf(':') + 1)));
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                if (SECRET_PARAMETER.matcher(name).matches() && !value.isEmpty() && !value.equals(EnvReferences.STAND_IN)) {
                    return Optional.of(new WrittenSecret("the query parameter '" + name + "'", value));
                }
            }
        }
        return Optional.empty();
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
        String value = scalar.getValue();
        return "'" + (value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...") + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
