package dev.ess.compiler.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The keys a manifest may hold, with an example of each for hints. */
enum ManifestKey {
    ID("id", true, "city2dmv"),
    LISTEN_TOPIC("listen_topic", true, "\"permits.changed\""),
    TARGET_URL("target_url", true, "\"https://partner.example/soap\"", true),
    FIELDS("fields", true, "[\"permit_id\", \"street\"]"),
    HEARTBEAT_SEC("heartbeat_sec", false, "30"),
    KEY("key", false, "permit_id"),
    MAX_RETRY("max_retry", false, "5"),
    PARALLELISM("parallelism", false, "4"),
    PARTITIONS("partitions", false, "4"),
    DEBOUNCE_SEC("debounce_sec", false, "2"),
    REPLAY_WINDOW("replay_window", false, "15m"),
    WSDL("wsdl", false, "partner.wsdl"),
    OPERATION("operation", false, "submitPermit"),
    PORT("port", false, "PermitPort"),
    MAPPING("mapping", false, "partner.essmap"),
    COPYBOOK("copybook", false, "partner.cpy"),
    PING_URL("ping_url", false, "\"https://partner.example/health\"", true);

    private final String yamlName;
    private final boolean required;
    private final String example;
    private final boolean readAtStart;

    ManifestKey(String yamlName, boolean required, String example) {
        this(yamlName, required, example, false);
    }

    ManifestKey(String yamlName, boolean required, String example, boolean readAtStart) {
        this.yamlName = yamlName;
        this.required = required;
        this.example = example;
        this.readAtStart = readAtStart;
    }

    /** Whether the connector reads the value when it starts, so it may hold {@code ${env:NAME}} references. */
    boolean readAtStart() {
        return readAtStart;
    }

    String yamlName() {
        return yamlName;
    }

    boolean required() {
        return required;
    }

    String example() {
        return example;
    }

    static Optional<ManifestKey> named(String yamlName) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(yamlName)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(ManifestKey::yamlName).toList();
    }
}
