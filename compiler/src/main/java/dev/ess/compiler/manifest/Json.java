package dev.ess.compiler.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON for the manifest's schema: objects keep the order they were written in. */
final class Json {

    private Json() {}

    /** An object of alternating names and values. */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(object);
    }

    /** Objects, lists, texts, numbers and booleans as indented JSON, ending in a newline. */
    static String render(Object value) {
        StringBuilder json = new StringBuilder();
        render(value, "", json);
        return json.append('\n').toString();
    }

    private static void render(Object value, String indent, StringBuilder json) {
        if (value instanceof Map<?, ?> object) {
            if (object.isEmpty()) {
                json.append("{}");
                return;
            }
            json.append("{\n");
            String inner = indent + "  ";
            int left = object.size();
            for (Map.Entry<?, ?> member : object.entrySet()) {
                json.append(inner);
                text(String.valueOf(member.getKey()), json);
                json.append(": ");
                render(member.getValue(), inner, json);
                json.append(--left > 0 ? ",\n" : "\n");
            }
            json.append(indent).append('}');
        } else if (value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance)) {
            json.append("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                json.append(inner);
                render(list.get(i), inner, json);
                json.append(i < list.size() - 1 ? ",\n" : "\n");
            }
            json.append(indent).append(']');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i > 0 ? ", " : "");
                render(list.get(i), indent, json);
            }
            json.append(']');
        } else if (value instanceof String text) {
            text(text, json);
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else {
            throw new IllegalArgumentException("not JSON: " + value);
        }
    }

    private static void text(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
