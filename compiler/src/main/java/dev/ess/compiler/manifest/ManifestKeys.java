package dev.ess.compiler.manifest;

import static dev.ess.compiler.manifest.ManifestKey.optional;
import static dev.ess.compiler.manifest.ManifestKey.required;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every key a manifest may hold, each declared once. Adding a key is one declaration here and, when
 * it reaches the connector's spec, the {@code ConnectorSpec.Builder} method it names.
 */
public final class ManifestKeys {

    private ManifestKeys() {}

    public static final ManifestKey<String> ID = required("id", ValueTypes.ID)
            .example("city2dmv")
            .means("connector id: its class name, its queue `ess.<id>`, its metrics label; unique among the manifests")
            .declare();

    public static final ManifestKey<String> LISTEN_TOPIC = required("listen_topic", ValueTypes.TOPIC)
            .example("\"permits.changed\"")
            .means("routing-key pattern bound on the topic exchange `hms.events` (`*` and `#` allowed)")
            .toSpec("listenTopic")
            .declare();

    public static final ManifestKey<String> TARGET_URL = required("target_url", ValueTypes.URL)
            .example("\"https://partner.example/soap\"")
            .means("the partner's SOAP endpoint; `TARGET_URL` in the environment overrides it")
            .toSpec("targetUrl")
            .declare();

    public static final ManifestKey<List<Located<String>>> FIELDS = required("fields", ValueTypes.FIELDS)
            .example("[\"permit_id\", \"street\"]")
            .means("the event fields the connector reads; the mapping may use only these and fields nested below them")
            .toSpec("fields")
            .declare();

    public static final ManifestKey<String> KEY = optional("key", ValueTypes.FIELD)
            .example("permit_id")
            .means("the field that orders events: events of one key reach the partner in the order they were published")
            .byDefaultDescribed("the first of `fields`")
            .toSpec("key")
            .declare();

    public static final ManifestKey<Integer> HEARTBEAT_SEC = optional("heartbeat_sec",
            ValueTypes.wholeNumber(1, "a positive whole number of seconds"))
            .example("30")
            .means("seconds between heartbeats")
            .byDefault("30")
            .toSpec("heartbeatSec")
            .declare();

    public static final ManifestKey<Integer> MAX_RETRY = optional("max_retry",
            ValueTypes.wholeNumber(0, "a whole number, 0 or more"))
            .example("5")
            .means("retries of a transient failure before an event is parked; time the partner is down does not count")
            .byDefault("5")
            .toSpec("maxRetry")
            .declare();

    public static final ManifestKey<Integer> PARALLELISM = optional("parallelism",
            ValueTypes.wholeNumber(1, "a whole number, 1 or more"))
            .example("4")
            .means("how many keys are delivered at once, in each partition")
            .byDefault("1")
            .toSpec("parallelism")
            .declare();

    public static final ManifestKey<Integer> PARTITIONS = optional("partitions",
            ValueTypes.wholeNumber(1, "a whole number, 1 or more"))
            .example("4")
            .means("how many partitions the events are split into by key, so that several instances share the work;"
                    + " see \"Several instances\"")
            .byDefault("1")
            .toSpec("partitions")
            .declare();

    public static final ManifestKey<Integer> DEBOUNCE_SEC = optional("debounce_sec",
            ValueTypes.wholeNumber(0, "a whole number of seconds, 0 or more"))
            .example("2")
            .means("changes of one key within this many seconds merge into one send of the latest state; 0 sends"
                    + " each change")
            .byDefault("0")
            .toSpec("debounceSec")
            .declare();

    public static final ManifestKey<Duration> REPLAY_WINDOW = optional("replay_window", ValueTypes.DURATION)
            .example("15m")
            .means("how long what was sent stays in the store, so that an operator can send it again")
            .byDefault("1h")
            .toSpec("replayWindow")
            .declare();

    public static final ManifestKey<Boolean> DELTA = optional("delta", ValueTypes.FLAG)
            .example("true")
            .means("send the key, every required element and only the optional elements that changed since what the"
                    + " partner acknowledged for the key")
            .byDefault("false")
            .toSpec("delta")
            .declare();

    public static final ManifestKey<String> WSDL = optional("wsdl", ValueTypes.FILE)
            .example("partner.wsdl")
            .means("the partner's WSDL file")
            .needs("operation", "mapping")
            .declare();

    public static final ManifestKey<String> OPERATION = optional("operation", ValueTypes.NAME)
            .example("submitPermit")
            .means("the WSDL operation to call")
            .needs("wsdl")
            .declare();

    public static final ManifestKey<String> PORT = optional("port", ValueTypes.NAME)
            .example("PermitPort")
            .means("the WSDL port to call, by its `name`")
            .needs("wsdl")
            .byDefaultDescribed("the first SOAP 1.1 port reached over HTTP, else the first SOAP 1.2 one")
            .declare();

    public static final ManifestKey<MappingSource> MAPPING = optional("mapping", ValueTypes.MAPPING)
            .example("partner.essmap")
            .means("the mapping file (`*.essmap`), or the mapping itself written inline (see below)")
            .declare();

    public static final ManifestKey<String> COPYBOOK = optional("copybook", ValueTypes.FILE)
            .example("partner.cpy")
            .means("a COBOL copybook for record targets; only checked to exist so far")
            .declare();

    public static final ManifestKey<String> PING_URL = optional("ping_url", ValueTypes.URL)
            .example("\"https://partner.example/health\"")
            .means("the partner's liveness URL, polled and reported in heartbeats")
            .toSpec("pingUrl")
            .declare();

    /** Every key, in the order the README lists them and the generated spec sets them. */
    public static final List<ManifestKey<?>> ALL = List.of(ID, LISTEN_TOPIC, TARGET_URL, FIELDS, KEY, HEARTBEAT_SEC,
            MAX_RETRY, PARALLELISM, PARTITIONS, DEBOUNCE_SEC, REPLAY_WINDOW, DELTA, WSDL, OPERATION, PORT, MAPPING,
            COPYBOOK, PING_URL);

    public static Optional<ManifestKey<?>> named(String name) {
        return ALL.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(ManifestKey::name).toList();
    }

    /** The keys whose values the connector reads when it starts, so that they may hold {@code ${env:NAME}}. */
    static List<String> readAtStart() {
        return ALL.stream().filter(key -> key.type() == ValueTypes.URL).map(ManifestKey::name).toList();
    }
}
