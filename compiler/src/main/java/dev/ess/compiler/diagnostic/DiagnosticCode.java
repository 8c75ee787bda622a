package dev.ess.compiler.diagnostic;

import java.util.Locale;

/**
 * The catalogue of everything the compiler can report. Each code keeps its id forever, so
 * users and tests can rely on the {@code [ESSnnn]} tag.
 */
public enum DiagnosticCode {

    // Files
    FILE_NOT_FOUND("ESS001", Severity.ERROR, "file not found: %s"),
    FILE_UNREADABLE("ESS002", Severity.ERROR, "cannot read %s: %s"),
    NO_MANIFESTS("ESS003", Severity.WARNING, "no manifest (*.yml, *.yaml) found in %s"),

    // Manifests
    YAML_SYNTAX("ESS010", Severity.ERROR, "malformed YAML: %s"),
    MANIFEST_NOT_A_MAPPING("ESS011", Severity.ERROR, "a manifest must be a mapping of keys to values, found %s"),
    UNKNOWN_KEY("ESS012", Severity.ERROR, "unknown key '%s'"),
    MISSING_KEY("ESS013", Severity.ERROR, "missing required key '%s'"),
    WRONG_VALUE("ESS014", Severity.ERROR, "'%s' must be %s, found %s"),
    DUPLICATE_KEY("ESS015", Severity.ERROR, "duplicate key '%s', first given at line %d"),
    KEY_NOT_A_FIELD("ESS016", Severity.ERROR, "key '%s' is not one of the fields"),
    DUPLICATE_FIELD("ESS017", Severity.ERROR, "field '%s' is listed twice"),
    INVALID_ID("ESS018", Severity.ERROR,
            "id '%s' must start with a letter and hold only letters, digits, '_' and '-'"),
    DUPLICATE_ID("ESS019", Severity.ERROR, "connector id '%s' is already used by %s"),
    NOTHING_TO_GENERATE("ESS020", Severity.ERROR, "connector '%s' has no target type: 'wsdl' and 'operation' are needed"),
    YAML_TAG_NOT_ALLOWED("ESS021", Severity.ERROR,
            "YAML tag '%s' is not allowed: a manifest holds only text, numbers, booleans, lists and mappings"),
    MALFORMED_ENV_REFERENCE("ESS022", Severity.ERROR, "malformed environment reference '%s'"),
    ENV_REFERENCE_NOT_ALLOWED("ESS023", Severity.ERROR,
            "'%s' is needed at build time and cannot be an environment reference"),
    SECRET_IN_MANIFEST("ESS024", Severity.ERROR, "'%s' holds a secret in plain text (%s)"),

    // Mappings
    MAPPING_SYNTAX("ESS030", Severity.ERROR, "%s"),
    INVALID_STRING("ESS031", Severity.ERROR, "invalid string constant: %s"),
    UNKNOWN_FUNCTION("ESS032", Severity.ERROR, "unknown function '%s'"),
    WRONG_ARGUMENTS("ESS033", Severity.ERROR, "%s() takes %s, found %s"),
    INVALID_DATE_PATTERN("ESS034", Severity.ERROR, "invalid date pattern \"%s\": %s"),
    DEFAULT_NOT_FIRST("ESS035", Severity.ERROR, "default(...) must come right after the source"),
    DEFAULT_ON_CONSTANT("ESS036", Severity.ERROR, "default(...) on a constant has no effect: a constant is never missing"),
    EMPTY_MAPPING("ESS037", Severity.ERROR, "the mapping has no lines"),
    FUNCTION_INPUT_MISMATCH("ESS038", Severity.ERROR, "%s() takes %s, not %s"),
    CONSTANT_TOO_LARGE("ESS039", Severity.ERROR, "%s constant of %d characters is longer than the %d a mapping allows"),

    // WSDL and XSD
    WSDL_MALFORMED("ESS040", Severity.ERROR, "malformed WSDL: %s"),
    UNKNOWN_OPERATION("ESS041", Severity.ERROR, "operation '%s' not found in %s"),
    WSDL_UNSUPPORTED("ESS042", Severity.ERROR, "not supported: %s"),
    XSD_UNRESOLVED("ESS043", Severity.ERROR, "'%s' refers to a schema type or element that is declared nowhere"),
    REMOTE_DOCUMENT("ESS044", Severity.ERROR,
            "%s of '%s': ESS reads no document from the network or an absolute path at build time"),
    DOCUMENT_OUTSIDE_FOLDER("ESS045", Severity.ERROR, "%s of '%s' lies outside %s"),
    WSDL_VERSION_UNSUPPORTED("ESS046", Severity.ERROR,
            "this is a WSDL 2.0 document; JAX-WS, and so ESS, reads WSDL 1.1 only"),
    RPC_ENCODED("ESS047", Severity.ERROR,
            "the binding is rpc/encoded (SOAP encoding), which JAX-WS, and so ESS, cannot call"),
    UNKNOWN_PORT("ESS048", Severity.ERROR, "port '%s' not found in %s"),
    NO_SOAP_PORT("ESS049", Severity.ERROR, "%s has no SOAP 1.1 or 1.2 port over HTTP that ESS can call"),

    // Checks of a mapping against the target type
    UNKNOWN_SOURCE_FIELD("ESS050", Severity.ERROR, "unknown field '%s': not in the manifest's fields"),
    UNKNOWN_TARGET("ESS051", Severity.ERROR, "unknown target '%s'"),
    TYPE_MISMATCH("ESS052", Severity.ERROR, "cannot map %s to %s of type %s"),
    REQUIRED_TARGET_UNMAPPED("ESS053", Severity.ERROR, "required element '%s' is not mapped"),
    TARGET_MAPPED_TWICE("ESS054", Severity.ERROR, "target '%s' is already mapped at line %d"),
    VALUE_TOO_LONG("ESS055", Severity.ERROR, "constant of %d characters exceeds the maxLength %d of %s"),
    VALUE_TOO_SHORT("ESS056", Severity.ERROR, "constant of %d characters is below the minLength %d of %s"),
    VALUE_OUT_OF_RANGE("ESS057", Severity.ERROR, "constant %s is outside %s of %s"),
    TARGET_NOT_A_VALUE("ESS058", Severity.ERROR, "target '%s' is a complex element; map its child elements"),
    TARGET_TYPE_UNSUPPORTED("ESS059", Severity.ERROR, "target '%s' of type %s is not supported yet"),
    VALUE_TOO_PRECISE("ESS060", Severity.ERROR, "constant %s has %d %s, more than the %s %d of %s"),
    SCALE_TOO_FINE("ESS061", Severity.ERROR, "scale(%d) keeps more decimals than the fractionDigits %d of %s"),
    VALUE_NOT_ENUMERATED("ESS062", Severity.ERROR, "constant '%s' is not one of the values of %s: %s"),
    VALUE_NOT_A_DATE("ESS063", Severity.ERROR, "constant '%s' is not an %s"),
    TARGET_NOT_REPEATED("ESS064", Severity.ERROR, "'%s' is not a repeated element: it occurs at most once"),
    TARGET_REPEATED("ESS065", Severity.ERROR, "'%s' is a repeated element (maxOccurs %s)"),
    ARRAYS_DO_NOT_MATCH("ESS066", Severity.ERROR, "%s reads %d %s, but target '%s' repeats %d %s"),
    ITERATION_CONFLICT("ESS067", Severity.ERROR, "'%s' is filled from %s at line %d, not from %s"),
    REPETITION_WITHOUT_ARRAY("ESS068", Severity.ERROR, "nothing says how many '%s' to send"),
    CHOICE_CONFLICT("ESS069", Severity.ERROR, "'%s' and '%s' (line %d) are alternatives of one xs:choice"),
    REQUIRED_REPETITION_UNMAPPED("ESS080", Severity.ERROR, "required repeated element '%s' is not mapped"),
    VALUE_NOT_XML("ESS081", Severity.ERROR, "the constant holds %s, a character XML cannot carry"),
    REQUIRED_CHOICE_UNMAPPED("ESS082", Severity.ERROR, "no alternative of a required xs:choice is mapped: %s"),

    // Generation
    WSIMPORT_FAILED("ESS070", Severity.ERROR, "wsimport failed on %s: %s"),
    GENERATED_NAME_CLASH("ESS071", Severity.ERROR, "%s would be generated twice, from %s and %s"),
    WSIMPORT_WARNING("ESS072", Severity.WARNING, "wsimport: %s"),
    VALUE_TOO_LONG_FOR_JAVA("ESS073", Severity.ERROR,
            "%s of %d characters is longer than the %d a generated Java constant may hold"),
    COMPILER_FAULT("ESS099", Severity.ERROR, "ESS failed on this input (a bug in ESS, please report it): %s");

    private final String id;
    private final Severity severity;
    private final String format;

    DiagnosticCode(String id, Severity severity, String format) {
        this.id = id;
        this.severity = severity;
        this.format = format;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String format() {
        return format;
    }

    /** The message with its arguments filled in. */
    public String message(Object... arguments) {
        return String.format(Locale.ROOT, format, arguments);
    }
}
