package io.patchctl.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The parts of an InsightReport (docs/design.md) a person reads: the analysis of one host's failure.
 *
 * @param key            where it is stored
 * @param timestamp      the event time
 * @param patchStatus    the status the event carried
 * @param rootCause      analysis.root_cause
 * @param severity       analysis.severity (LOW|MEDIUM|HIGH|CRITICAL)
 * @param summary        analysis.summary
 * @param analysisSource bedrock, rules or cache
 * @param modelId        the model, when one answered
 */
public record Insight(String key, String timestamp, String patchStatus, String rootCause, String severity,
                      String summary, List<String> immediateActions, List<String> dnfCommands,
                      List<String> awsCliCommands, List<String> preventiveMeasures, boolean escalate,
                      String analysisSource, String modelId) {

    /** Reads an InsightReport tolerantly; absent fields become empty. */
    public static Insight fromJson(String key, JsonNode report) {
        JsonNode analysis = JsonFields.object(report, "analysis");
        return new Insight(key,
                JsonFields.text(report, "timestamp", ""),
                JsonFields.text(report, "patch_status", ""),
                JsonFields.text(analysis, "root_cause", ""),
                JsonFields.text(analysis, "severity", ""),
                JsonFields.text(analysis, "summary", ""),
                JsonFields.strings(analysis, "immediate_actions"),
                JsonFields.strings(analysis, "dnf_commands"),
                JsonFields.strings(analysis, "aws_cli_commands"),
                JsonFields.strings(analysis, "preventive_measures"),
                Boolean.TRUE.equals(JsonFields.bool(analysis, "escalate")),
                JsonFields.text(report, "analysis_source", ""),
                JsonFields.text(report, "model_id"));
    }
}
