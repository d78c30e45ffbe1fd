package io.patchctl.core.insights.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.store.ReportKeys;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An EventBridge event with typed, checked access to its {@code detail}: every reader fails with a
 * message naming the field and the expected type, so a bad event is a clear error, never a silent
 * null.
 */
public final class EventEnvelope {

    private final JsonNode raw;
    private final ObjectNode detail;
    private final String detailType;

    EventEnvelope(JsonNode raw, ObjectNode detail, String detailType) {
        this.raw = raw;
        this.detail = detail;
        this.detailType = detailType;
    }

    public JsonNode raw() {
        return raw;
    }

    public String detailType() {
        return detailType;
    }

    /** Top-level string field ("id", "time", "region"), or null when absent. */
    public String envelopeText(String field) {
        return text(raw, field, "");
    }

    /** {@code detail.<field>} as a string, or null when absent or JSON null. */
    public String text(String field) {
        return text(detail, field, "detail.");
    }

    /** {@code detail.<field>} as a string that must be present and non-blank. */
    public String requiredText(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException(detailType + " event has no detail." + field);
        }
        return value;
    }

    /** {@code detail.<field>} as a key-safe id (instance, command, window): it becomes part of S3 keys. */
    public String id(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ReportKeys.segment(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("detail." + field + " is not a valid id: '" + abbreviate(value) + "'", e);
        }
    }

    /** {@code detail.<field>} as a non-negative integer, or null when absent. */
    public Integer count(String field) {
        JsonNode node = detail.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > Integer.MAX_VALUE) {
            throw new MalformedEventException("detail." + field + " must be a non-negative integer, was "
                    + abbreviate(node.toString()));
        }
        return node.intValue();
    }

    /** {@code detail.<field>} as an ISO-8601 instant, or null when absent. */
    public Instant time(String field) {
        return parseTime(text(field), "detail." + field);
    }

    static Instant parseTime(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(name + " is not an ISO-8601 time: '" + abbreviate(value) + "'", e);
        }
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedEventException(prefix + field + " must be a string, was " + abbreviate(value.toString()));
        }
        return value.textValue();
    }

    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
