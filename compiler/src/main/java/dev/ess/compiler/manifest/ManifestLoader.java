package dev.ess.compiler.manifest;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.SourceText;
import dev.ess.compiler.diagnostic.Suggestions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * What a manifest may hold: YAML's own data types, nothing that names a Java class. A merge
     * key passes here and is then reported as an unknown key.
     */
    private static final Set<Tag> PLAIN_TAGS = Set.of(
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP, Tag.MERGE);
    /** SnakeYAML's own limit, in code points, counted here in bytes for the whole file. */
    private static final int MAX_MANIFEST_BYTES = 3 * 1024 * 1024;

    private final Diagnostics diagnostics;

    public ManifestLoader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * The manifest, or empty when even its id or fields cannot be read. Every problem of the file
     * is reported; a manifest with problems comes back marked as not {@linkplain Manifest#errorFree() error-free}.
     */
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
        Map<ManifestKey<?>, NodeTuple> entries = entries(file, mapping, suggested);
        ValueReader reader = new ValueReader(file, text.get(), diagnostics);
        Map<ManifestKey<?>, Located<?>> values = new LinkedHashMap<>();
        for (ManifestKey<?> key : ManifestKeys.ALL) {
            NodeTuple entry = entries.get(key);
            if (entry != null) {
                key.read(reader, entry.getValueNode()).ifPresent(value -> values.put(key, value));
            }
        }
        checkTogether(file, mapping, entries, suggested, values);
        if (!values.containsKey(ManifestKeys.ID) || !values.containsKey(ManifestKeys.FIELDS)) {
            return Optional.empty();
        }
        return Optional.of(new Manifest(file, values, diagnostics.errorCount() == errorsBefore));
    }

    /** The rules between keys: required keys, keys that need others beside them, the key among the fields. */
    private void checkTogether(Path file, MappingNode root, Map<ManifestKey<?>, NodeTuple> entries, Set<String> suggested,
            Map<ManifestKey<?>, Located<?>> values) {
        for (ManifestKey<?> key : ManifestKeys.ALL) {
            if (key.required() && !entries.containsKey(key) && !suggested.contains(key.name())) {
                diagnostics.reportWithHint(DiagnosticCode.MISSING_KEY, position(file, root),
                        "add '" + key.name() + ": " + key.example() + "'", key.name());
            }
            if (!entries.containsKey(key)) {
                continue;
            }
            for (String needed : key.needs()) {
                ManifestKey<?> neededKey = ManifestKeys.named(needed).orElseThrow();
                if (!entries.containsKey(neededKey) && !suggested.contains(needed)) {
                    diagnostics.reportWithHint(DiagnosticCode.MISSING_KEY, position(file, entries.get(key).getKeyNode()),
                            "'" + key.name() + "' needs '" + needed + ": " + neededKey.example() + "'", needed);
                }
            }
        }
        Optional<Located<String>> key = value(values, ManifestKeys.KEY);
        Optional<Located<List<Located<String>>>> fields = value(values, ManifestKeys.FIELDS);
        if (key.isPresent() && fields.isPresent()
                && fields.get().value().stream().noneMatch(field -> field.value().equals(key.get().value()))) {
            List<String> names = fields.get().value().stream().map(Located::value).toList();
            String hint = Suggestions.didYouMean(key.get().value(), names);
            diagnostics.reportWithHint(DiagnosticCode.KEY_NOT_A_FIELD, key.get().position(),
                    hint != null ? hint : "fields are: " + String.join(", ", names), key.get().value());
        }
    }

    @SuppressWarnings("unchecked") // values are stored under their own key, so they have its type
    private static <T> Optional<Located<T>> value(Map<ManifestKey<?>, Located<?>> values, ManifestKey<T> key) {
        return Optional.ofNullable((Located<T>) values.get(key));
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
    private Map<ManifestKey<?>, NodeTuple> entries(Path file, MappingNode mapping, Set<String> suggested) {
        Map<ManifestKey<?>, NodeTuple> entries = new HashMap<>();
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
            Optional<ManifestKey<?>> key = ManifestKeys.named(name);
            if (key.isEmpty()) {
                Optional<String> closest = Suggestions.closest(name, ManifestKeys.names());
                closest.ifPresent(suggested::add);
                diagnostics.reportWithHint(DiagnosticCode.UNKNOWN_KEY, position(file, keyNode),
                        closest.map(known -> "did you mean '" + known + "'?")
                                .orElse("known keys: " + String.join(", ", ManifestKeys.names())),
                        name);
                continue;
            }
            entries.put(key.get(), tuple);
        }
        return entries;
    }

    private static Position position(Path file, Node node) {
        return ValueReader.position(file, node);
    }

    private static String describe(Node node) {
        return ValueReader.describe(node);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
