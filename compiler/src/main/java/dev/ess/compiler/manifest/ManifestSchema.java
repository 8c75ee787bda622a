package dev.ess.compiler.manifest;

import static dev.ess.compiler.manifest.Json.object;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The manifest's JSON Schema, for editors that complete and check YAML keys as they are typed. It
 * is made from the keys' declarations, so it says what the loader checks.
 */
public final class ManifestSchema {

    /** Where the schema is published in ESS's own sources. */
    public static final String FILE = "schemas/ess-manifest.schema.json";

    private ManifestSchema() {}

    /** The schema, as JSON (draft-07, which editors' YAML support reads best). */
    public static String json() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> dependencies = new LinkedHashMap<>();
        for (ManifestKey<?> key : ManifestKeys.ALL) {
            Map<String, Object> property = new LinkedHashMap<>(key.type().schema());
            property.put("description", key.meaning());
            key.byDefault().ifPresent(value -> property.put("default", yamlValue(value)));
            property.put("examples", List.of(yamlValue(key.example())));
            properties.put(key.name(), property);
            if (!key.needs().isEmpty()) {
                dependencies.put(key.name(), key.needs());
            }
        }
        return Json.render(object(
                "$schema", "http://json-schema.org/draft-07/schema#",
                "title", "ESS connector manifest",
                "description", "One connector: what it listens to on the bus, what it sends to which partner, and how.",
                "type", "object",
                "required", ManifestKeys.ALL.stream().filter(ManifestKey::required).map(ManifestKey::name).toList(),
                "properties", properties,
                "dependencies", dependencies,
                "additionalProperties", false));
    }

    /** A value written as in a manifest, read as YAML reads it: {@code 30} a number, {@code 1h} a text. */
    private static Object yamlValue(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }
}
