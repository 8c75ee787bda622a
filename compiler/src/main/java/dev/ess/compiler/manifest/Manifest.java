package dev.ess.compiler.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One connector's manifest, as written: every value keeps its position. Optional keys the
 * manifest leaves out are empty; the runtime supplies their defaults. {@code target_url} and
 * {@code ping_url} may hold {@code ${env:NAME}} references, kept as written: the runtime resolves
 * them when the connector starts, so no secret ever reaches generated code.
 *
 * @param port the WSDL port to call; without it, the first SOAP 1.1 port, else the first SOAP 1.2 one
 * @param mapping the mapping file's name, or the mapping itself when written inline
 * @param inlineMapping an inline mapping as the mapping parser reads it: the manifest's text with
 *     every line but the mapping's blanked, so positions point into the manifest
 */
public record Manifest(
        Path file,
        Located<String> id,
        Located<String> listenTopic,
        Located<String> targetUrl,
        List<Located<String>> fields,
        Optional<Located<String>> key,
        Optional<Located<Integer>> heartbeatSec,
        Optional<Located<Integer>> maxRetry,
        Optional<Located<Integer>> parallelism,
        Optional<Located<Integer>> partitions,
        Optional<Located<Integer>> debounceSec,
        Optional<Located<Duration>> replayWindow,
        Optional<Located<String>> wsdl,
        Optional<Located<String>> operation,
        Optional<Located<String>> port,
        Optional<Located<String>> mapping,
        Optional<String> inlineMapping,
        Optional<Located<String>> pingUrl,
        Optional<Located<String>> copybook) {

    public static final int DEFAULT_HEARTBEAT_SEC = 30;

    public Manifest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listenTopic, "listenTopic");
        Objects.requireNonNull(targetUrl, "targetUrl");
        fields = List.copyOf(fields);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(heartbeatSec, "heartbeatSec");
        Objects.requireNonNull(maxRetry, "maxRetry");
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(debounceSec, "debounceSec");
        Objects.requireNonNull(replayWindow, "replayWindow");
        Objects.requireNonNull(wsdl, "wsdl");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(inlineMapping, "inlineMapping");
        Objects.requireNonNull(pingUrl, "pingUrl");
        Objects.requireNonNull(copybook, "copybook");
    }

    public List<String> fieldNames() {
        return fields.stream().map(Located::value).toList();
    }

    /** The field that orders events: the manifest's {@code key}, else the first field. */
    public String orderKey() {
        return key.map(Located::value).orElse(fields.get(0).value());
    }

    /** The file name alone, as generated code cites it. */
    public String fileName() {
        return file.getFileName().toString();
    }

    /** A file the manifest names, resolved against the manifest's own folder. */
    public Path resolve(Located<String> relativePath) {
        return file.toAbsolutePath().getParent().resolve(relativePath.value()).normalize();
    }
}
