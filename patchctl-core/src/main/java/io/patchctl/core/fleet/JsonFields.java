package io.patchctl.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Tolerant readers for report JSON: missing or mistyped fields become empty values, never exceptions. */
final class JsonFields {

    private JsonFields() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    static String text(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null ? fallback : value;
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : 0L;
    }

    static Integer integerOrNull(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.canConvertToInt() ? Integer.valueOf(value.asInt()) : null;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isBoolean() ? Boolean.valueOf(value.asBoolean()) : null;
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isObject() ? value : null;
    }

    static List<String> strings(JsonNode node, String field) {
        return list(node, field, item -> item.isValueNode() && !item.isNull() ? item.asText() : null);
    }

    static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> mapper) {
        JsonNode value = node == null ? null : node.get(field);
        List<T> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            for (JsonNode item : value) {
                T mapped = mapper.apply(item);
                if (mapped != null) {
                    out.add(mapped);
                }
            }
        }
        return List.copyOf(out);
    }
}
