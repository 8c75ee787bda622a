package dev.ess.compiler.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connector's manifest, as written: every value keeps its position. Optional keys the
 * manifest leaves out are absent; the runtime supplies their defaults. URLs may hold
 * {@code ${env:NAME}} references, kept as written: the runtime resolves them when the connector
 * starts, so no secret ever reaches generated code.
 *
 * <p>A manifest with errors is still returned when its id and fields could be read, so that its
 * connector's mapping is checked in the same build; {@link #errorFree()} tells it apart, and
 * nothing is generated from it.
 */
public final class Manifest {

    private final Path file;
    private final Map<ManifestKey<?>, Located<?>> values;
    private final boolean errorFree;

    Manifest(Path file, Map<ManifestKey<?>, Located<?>> values, boolean errorFree) {
        this.file = file;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.errorFree = errorFree;
        require(ManifestKeys.ID);
        require(ManifestKeys.FIELDS);
    }

    /** The value the manifest gives the key, with its position. */
    @SuppressWarnings("unchecked") // values are stored under their own key, so they have its type
    public <T> Optional<Located<T>> value(ManifestKey<T> key) {
        return Optional.ofNullable((Located<T>) values.get(key));
    }

    /** Whether the manifest loaded without errors; only then is a connector generated from it. */
    public boolean errorFree() {
        return errorFree;
    }

    /**
     * What the manifest sets in the connector's spec, in the order of {@link ManifestKeys#ALL};
     * keys it leaves out keep the runtime's defaults.
     */
    public List<SpecSetting> specSettings() {
        List<SpecSetting> settings = new ArrayList<>();
        values.forEach((key, value) -> key.specSetting(value).ifPresent(settings::add));
        return settings;
    }

    public Path file() {
        return file;
    }

    public Located<String> id() {
        return require(ManifestKeys.ID);
    }

    /** The topic; present whenever the manifest is {@linkplain #errorFree() free of errors}. */
    public Located<String> listenTopic() {
        return require(ManifestKeys.LISTEN_TOPIC);
    }

    public List<Located<String>> fields() {
        return require(ManifestKeys.FIELDS).value();
    }

    public List<String> fieldNames() {
        return fields().stream().map(Located::value).toList();
    }

    /** The field that orders events: the manifest's {@code key}, else the first field. */
    public String orderKey() {
        return value(ManifestKeys.KEY).map(Located::value).orElse(fields().get(0).value());
    }

    public Optional<Located<String>> wsdl() {
        return value(ManifestKeys.WSDL);
    }

    public Optional<Located<String>> operation() {
        return value(ManifestKeys.OPERATION);
    }

    /** The WSDL port to call; without it, the first SOAP 1.1 port, else the first SOAP 1.2 one. */
    public Optional<Located<String>> port() {
        return value(ManifestKeys.PORT);
    }

    public Optional<Located<MappingSource>> mapping() {
        return value(ManifestKeys.MAPPING);
    }

    public Optional<Located<String>> copybook() {
        return value(ManifestKeys.COPYBOOK);
    }

    /** The file name alone, as generated code cites it. */
    public String fileName() {
        return file.getFileName().toString();
    }

    /** A file the manifest names, resolved against the manifest's own folder. */
    public Path resolve(String relativePath) {
        return file.toAbsolutePath().getParent().resolve(relativePath).normalize();
    }

    private <T> Located<T> require(ManifestKey<T> key) {
        return value(key).orElseThrow(() -> new IllegalStateException(fileName() + " has no valid '" + key + "'"));
    }
}
