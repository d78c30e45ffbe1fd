package io.patchctl.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The seed's analysis object, exactly its eight fields. Commands are advice for a person, never run.
 */
public record FailureAnalysis(
        String rootCause,
        AnalysisSeverity severity,
        List<String> immediateActions,
        List<String> dnfCommands,
        List<String> awsCliCommands,
        List<String> preventiveMeasures,
        boolean escalate,
        String summary) {

    /** The JSON keys, in the seed's order. */
    public static final List<String> KEYS = List.of("root_cause", "severity", "immediate_actions", "dnf_commands",
            "aws_cli_commands", "preventive_measures", "escalate", "summary");

    public FailureAnalysis {
        Objects.requireNonNull(rootCause, "rootCause");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        immediateActions = List.copyOf(immediateActions);
        dnfCommands = List.copyOf(dnfCommands);
        awsCliCommands = List.copyOf(awsCliCommands);
        preventiveMeasures = List.copyOf(preventiveMeasures);
    }

    /**
     * Validates a parsed reply against the schema: all eight keys, strings non-empty where prose is
     * expected, lists of strings, a known severity, a boolean escalate. Keys beyond the eight are ignored.
     *
     * @throws InvalidAnalysisException naming every problem found
     */
    public static FailureAnalysis fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidAnalysisException("expected a JSON object with keys " + KEYS);
        }
        List<String> problems = new ArrayList<>();
        String rootCause = prose(node, "root_cause", problems);
        AnalysisSeverity severity = null;
        JsonNode severityNode = node.get("severity");
        if (severityNode == null || !severityNode.isTextual()) {
            problems.add("severity must be one of LOW, MEDIUM, HIGH, CRITICAL");
        } else {
            severity = AnalysisSeverity.parse(severityNode.textValue()).orElse(null);
            if (severity == null) {
                problems.add("severity must be one of LOW, MEDIUM, HIGH, CRITICAL, was '" + severityNode.textValue() + "'");
            }
        }
        List<String> immediate = strings(node, "immediate_actions", problems);
        List<String> dnf = strings(node, "dnf_commands", problems);
        List<String> aws = strings(node, "aws_cli_commands", problems);
        List<String> preventive = strings(node, "preventive_measures", problems);
        Boolean escalate = null;
        JsonNode escalateNode = node.get("escalate");
        if (escalateNode != null && escalateNode.isBoolean()) {
            escalate = escalateNode.booleanValue();
        } else if (escalateNode != null && escalateNode.isTextual()
                && (escalateNode.textValue().equalsIgnoreCase("true") || escalateNode.textValue().equalsIgnoreCase("false"))) {
            escalate = Boolean.parseBoolean(escalateNode.textValue().toLowerCase(java.util.Locale.ROOT));
        } else {
            problems.add("escalate must be true or false");
        }
        String summary = prose(node, "summary", problems);
        if (!problems.isEmpty()) {
            throw new InvalidAnalysisException("invalid analysis: " + String.join("; ", problems));
        }
        return new FailureAnalysis(rootCause, severity, immediate, dnf, aws, preventive, escalate, summary);
    }

    private static String prose(JsonNode node, String key, List<String> problems) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            problems.add(key + " must be a non-empty string");
            return null;
        }
        return value.textValue().strip();
    }

    private static List<String> strings(JsonNode node, String key, List<String> problems) {
        JsonNode value = node.get(key);
        if (value == null || !value.isArray()) {
            problems.add(key + " must be an array of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (out.size() == AnalysisSchema.MAX_ITEMS) {
                break; // the schema's bound: a longer list is not more useful, and must not grow the report
            }
            if (!item.isTextual()) {
                problems.add(key + " must contain only strings, found " + item.getNodeType());
                return List.of();
            }
            if (!item.textValue().isBlank()) {
                out.add(item.textValue().strip());
            }
        }
        return out;
    }
}
