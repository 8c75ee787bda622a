package dev.ess.compiler.manifest;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the values of one manifest's YAML nodes, each with its position. Every method reports its
 * own problems and returns empty for a wrong value, so that one pass reports all of them.
 */
final class ValueReader {

    /** How much of a wrong value a message quotes. */
    private static final int MAX_SHOWN = 60;
    /** Characters of one value: far above any URL or topic, far below what a Java constant may hold. */
    static final int MAX_VALUE_LENGTH = 4096;
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*([smhd])");
    /** Query parameters whose value is a credential. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api_?key|credential).*");

    private final Path file;
    private final String manifestText;
    private final Diagnostics diagnostics;

    ValueReader(Path file, String manifestText, Diagnostics diagnostics) {
        this.file = file;
        this.manifestText = manifestText;
        this.diagnostics = diagnostics;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * A non-blank text. Only keys read when the connector starts may hold {@code ${env:NAME}}
     * references; they are checked for form here and kept as written.
     */
    Optional<Located<String>> text(String key, Node value, boolean readAtStart) {
        if (!(value instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR) || scalar.getValue().isBlank()) {
            wrong(key, value, "a text");
            return Optional.empty();
        }
        Located<String> text = new Located<>(scalar.getValue(), position(value));
        if (!fitsAJavaConstant(key, text)) {
            return Optional.empty();
        }
        List<EnvReferences.Reference> references = EnvReferences.in(text.value());
        if (!references.isEmpty() && !readAtStart) {
            diagnostics.reportWithHint(DiagnosticCode.ENV_REFERENCE_NOT_ALLOWED, text.position(),
                    "only " + String.join(" and ", ManifestKeys.readAtStart()) + " are read from the environment,"
                            + " when the connector starts",
                    key);
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

    /** A file the manifest names: it must exist, relative to the manifest. */
    Optional<Located<String>> existingFile(String key, Node value) {
        Optional<Located<String>> name = text(key, value, false);
        if (name.isPresent()) {
            Path resolved;
            try {
                resolved = file.toAbsolutePath().getParent().resolve(name.get().value()).normalize();
            } catch (InvalidPathException e) {
                wrong(key, value, "a file name");
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
    Optional<Located<String>> url(String key, Node value) {
        Optional<Located<String>> text = text(key, value, true);
        if (text.isEmpty() || EnvReferences.isWholly(text.get().value())) {
            return text;
        }
        Optional<URI> uri = httpUri(EnvReferences.withStandIns(text.get().value()));
        if (uri.isEmpty()) {
            diagnostics.report(DiagnosticCode.WRONG_VALUE, text.get().position(), key,
                    "an http(s) URL or ${env:NAME}", "'" + text.get().value() + "'");
            return Optional.empty();
        }
        Optional<WrittenSecret> secret = writtenSecret(uri.get());
        if (secret.isPresent()) {
            diagnostics.reportHidingSecret(secret.get().value(), DiagnosticCode.SECRET_IN_MANIFEST,
                    text.get().position(),
                    "write it as ${env:NAME} and set NAME where the connector runs; it is read when the connector starts",
                    key, secret.get().where());
            return Optional.empty();
        }
        return text;
    }

    Optional<Located<Integer>> wholeNumber(String key, Node value, int minimum, String expected) {
        if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                int number = Integer.parseInt(scalar.getValue().replace("_", ""));
                if (number >= minimum) {
                    return Optional.of(new Located<>(number, position(value)));
                }
            } catch (NumberFormatException e) {
                // too large, or an octal/hex spelling: reported below like any wrong value
            }
        }
        wrong(key, value, expected);
        return Optional.empty();
    }

    Optional<Located<Boolean>> flag(String key, Node value) {
        if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Optional.of(new Located<>(Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT)),
                    position(value)));
        }
        wrong(key, value, "true or false");
        return Optional.empty();
    }

    /** Minutes as a bare number, or a number with a unit: {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}. */
    Optional<Located<Duration>> duration(String key, Node value) {
        if (value instanceof ScalarNode scalar) {
            if (scalar.getTag().equals(Tag.INT) && scalar.getValue().matches("[0-9]{1,9}")) {
                return Optional.of(new Located<>(Duration.ofMinutes(Long.parseLong(scalar.getValue())), position(value)));
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
                return Optional.of(new Located<>(duration, position(value)));
            }
        }
        wrong(key, value, "minutes, or a duration like 30s, 15m, 2h or 1d");
        return Optional.empty();
    }

    /** A non-empty list of distinct names, each matching {@code pattern}; wrong items are reported and left out. */
    Optional<Located<List<Located<String>>>> names(String key, Node value, Pattern pattern, String expected) {
        if (!(value instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            wrong(key, value, "a list of field names");
            return Optional.empty();
        }
        List<Located<String>> names = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR)
                    || !pattern.matcher(scalar.getValue()).matches()) {
                diagnostics.report(DiagnosticCode.WRONG_VALUE, position(item), key, expected, describe(item));
            } else if (seen.putIfAbsent(scalar.getValue(), item) != null) {
                diagnostics.report(DiagnosticCode.DUPLICATE_FIELD, position(item), scalar.getValue());
            } else if (fitsAJavaConstant("a field name", new Located<>(scalar.getValue(), position(item)))) {
                names.add(new Located<>(scalar.getValue(), position(item)));
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new Located<>(List.copyOf(names), position(value)));
    }

    /**
     * The mapping: a file name, or the mapping itself as a literal block ({@code mapping: |}), kept
     * as the manifest's text with every other line blanked, so the mapping's positions are the
     * manifest's own.
     */
    Optional<Located<MappingSource>> mapping(String key, Node value) {
        if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
            if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL) {
                return Optional.of(new Located<>(new MappingSource.Inline(blankedAround(scalar)), position(value)));
            }
            if (scalar.getValue().contains("->")) {
                diagnostics.reportWithHint(DiagnosticCode.WRONG_VALUE, position(scalar), "write 'mapping: |'"
                        + " and the mapping's lines below it, indented", key,
                        "a file name, or mapping lines in a literal block", "mapping lines outside one");
                return Optional.empty();
            }
        }
        return existingFile(key, value).map(name -> new Located<>(new MappingSource.File(name.value()), name.position()));
    }

    private String blankedAround(ScalarNode block) {
        List<String> lines = manifestText.lines().toList();
        int first = block.getStartMark().getLine() + 1;
        int last = Math.min(lines.size() - 1,
                block.getEndMark().getLine() - (block.getEndMark().getColumn() == 0 ? 1 : 0));
        StringBuilder mapping = new StringBuilder();
        for (int line = 0; line <= last; line++) {
            mapping.append(line >= first ? lines.get(line) : "").append('\n');
        }
        return mapping.toString();
    }

    void wrong(String key, Node value, String expected) {
        diagnostics.report(DiagnosticCode.WRONG_VALUE, position(value), key, expected, describe(value));
    }

    Position position(Node node) {
        return position(file, node);
    }

    static Position position(Path file, Node node) {
        Mark mark = node.getStartMark();
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
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

    /** Where a character of a one-line scalar is, counting its opening quote. */
    private Position within(ScalarNode scalar, Position start, int offset) {
        if (scalar.getStartMark().getLine() != scalar.getEndMark().getLine()) {
            return start;
        }
        int quote = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
        return new Position(file, start.line(), start.column() + quote + offset);
    }

    /** How a value reads in a message: "nothing", "the number 0", "'abc'", "a list". */
    static String describe(Node node) {
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
}
