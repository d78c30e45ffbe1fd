package io.patchctl.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The failure report: the seed's fields exactly ({@code timestamp}, {@code environment},
 * {@code instance_id}, {@code patch_status}, {@code event}, {@code analysis}) plus
 * {@code analysis_source}, {@code model_id}, {@code context}, {@code schema} and
 * {@code rejected_commands}. Serialised snake_case by {@link io.patchctl.core.internal.json.Json}.
 *
 * @param timestamp  the event's time, ISO-8601
 * @param instanceId the host (or the maintenance-window execution when no host could be resolved)
 */
public record InsightReport(
        String timestamp,
        String environment,
        String instanceId,
        String patchStatus,
        JsonNode event,
        FailureAnalysis analysis,
        String analysisSource,
        String modelId,
        ReportContext context,
        String schema,
        List<RejectedCommand> rejectedCommands) {

    public static final String SCHEMA = "patchctl.insight-report/v1";

    public InsightReport {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(analysisSource, "analysisSource");
        rejectedCommands = rejectedCommands == null ? List.of() : List.copyOf(rejectedCommands);
    }
}
