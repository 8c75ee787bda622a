package dev.ess.compiler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.compiler.TestFiles;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.runtime.ConnectorSpec;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each key is declared once: these tests hold the runtime's spec, its defaults and the README's
 * table to the declarations, so that none of them can drift from the loader.
 */
class ManifestKeysTest {

    private static final String REQUIRED = """
            id: c
            listen_topic: t
            target_url: "https://partner.example/soap"
            fields: [permit_id, street]
            """;

    @TempDir
    Path folder;

    @Test
    void everySettingReachesTheRuntimesSpecWithItsValue() throws Exception {
        for (ManifestKey<?> key : ManifestKeys.ALL) {
            if (key.specMethod().isEmpty()) {
                continue;
            }
            SpecSetting setting = setting(key, key.example());
            ConnectorSpec.Builder builder = ConnectorSpec.builder("c").listenTopic("t")
                    .targetUrl("https://partner.example/soap").fields("permit_id", "street");
            Object value = javaValue(setting.value());
            Method method = ConnectorSpec.Builder.class.getMethod(setting.method(), parameterType(value));
            method.invoke(builder, value instanceof List<?> list ? list.toArray(String[]::new) : value);
            ConnectorSpec spec = builder.build();

            assertEquals(value, ConnectorSpec.class.getMethod(setting.method()).invoke(spec), key.name());
        }
    }

    @Test
    void theDeclaredDefaultsAreTheRuntimes() throws Exception {
        ConnectorSpec defaults = ConnectorSpec.builder("c").listenTopic("t").targetUrl("https://partner.example/soap")
                .fields("permit_id").build();
        List<String> checked = new ArrayList<>();
        for (ManifestKey<?> key : ManifestKeys.ALL) {
            if (key.specMethod().isPresent() && key.byDefault().isPresent()) {
                SpecSetting setting = setting(key, key.byDefault().get());
                assertEquals(javaValue(setting.value()), ConnectorSpec.class.getMethod(setting.method()).invoke(defaults),
                        key.name());
                checked.add(key.name());
            }
        }
        assertEquals(List.of("heartbeat_sec", "max_retry", "parallelism", "partitions", "debounce_sec",
                "replay_window", "delta"), checked);
    }

    @Test
    void theReadmeTableOfKeysIsTheDeclarations() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md").toAbsolutePath().normalize());
        String table = table();

        assertTrue(readme.contains(table), "README's table of manifest keys differs from ManifestKeys; it must read:\n"
                + table);
    }

    /** The README's table of keys, as the declarations give it. */
    static String table() {
        String rows = ManifestKeys.ALL.stream()
                .map(key -> "| `" + key.name() + "` | " + required(key) + " | " + key.described() + " | "
                        + key.meaning() + key.byDefault().map(value -> " (default " + value + ")")
                                .or(() -> key.defaultDescribed().map(words -> " (default: " + words + ")")).orElse("")
                        + " |")
                .collect(Collectors.joining("\n"));
        return "| key | required | value | meaning |\n|---|---|---|---|\n" + rows + "\n";
    }

    private static String required(ManifestKey<?> key) {
        if (key.required()) {
            return "yes";
        }
        if (!key.needs().isEmpty()) {
            return "with `" + key.needs().get(0) + "`";
        }
        Optional<ManifestKey<?>> neededBy = ManifestKeys.ALL.stream().filter(other -> other.needs().contains(key.name()))
                .findFirst();
        return neededBy.map(other -> "with `" + other.name() + "`").orElse("no");
    }

    private SpecSetting setting(ManifestKey<?> key, String yamlValue) {
        String manifest = key.required()
                ? REQUIRED.lines().map(line -> line.startsWith(key.name() + ":") ? key.name() + ": " + yamlValue : line)
                        .collect(Collectors.joining("\n", "", "\n"))
                : REQUIRED + key.name() + ": " + yamlValue + "\n";
        Diagnostics diagnostics = new Diagnostics(folder);
        Manifest loaded = new ManifestLoader(diagnostics).load(TestFiles.write(folder, "m.yml", manifest)).orElseThrow();
        assertEquals(List.of(), diagnostics.all(), manifest);
        return loaded.specSettings().stream().filter(setting -> setting.method().equals(key.specMethod().get()))
                .findFirst().orElseThrow();
    }

    private static Object javaValue(SpecValue value) {
        if (value instanceof SpecValue.Text text) {
            return text.value();
        }
        if (value instanceof SpecValue.Texts texts) {
            return texts.values();
        }
        if (value instanceof SpecValue.WholeNumber number) {
            return number.value();
        }
        if (value instanceof SpecValue.Flag flag) {
            return flag.value();
        }
        return ((SpecValue.Span) value).value();
    }

    private static Class<?> parameterType(Object value) {
        if (value instanceof Integer) {
            return int.class;
        }
        if (value instanceof Boolean) {
            return boolean.class;
        }
        return value instanceof List<?> ? String[].class : value.getClass();
    }
}
