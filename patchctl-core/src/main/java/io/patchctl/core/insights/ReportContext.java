package io.patchctl.core.insights;

import java.util.List;

/**
 * The report's {@code context}: what the analysis was based on and how it was obtained.
 *
 * @param eventId            the EventBridge id (or content hash) of the event
 * @param detailType         the event's detail-type
 * @param region             region the commands target
 * @param commandId          Run Command id, or null
 * @param windowId           maintenance window id, or null
 * @param windowExecutionId  maintenance window execution id, or null
 * @param runReportKey       the agent RunReport read, or null
 * @param runReportExcerpt   its error fields (redacted)
 * @param commandOutputKeys  Run Command output objects read
 * @param logTail            the redacted end of that output (about 8 KB)
 * @param errorClass         what the rules classified
 * @param errorLine          the evidence line
 * @param signature          the failure signature (analysis cache key), or null when not shared
 * @param fallbackReason     why the model's analysis was not used, or null
 * @param modelCalls         model invocations for this report (0 on a cache hit)
 * @param inputTokens        model input tokens
 * @param outputTokens       model output tokens
 */
public record ReportContext(
        String eventId,
        String detailType,
        String region,
        String commandId,
        String windowId,
        String windowExecutionId,
        String runReportKey,
        String runReportExcerpt,
        List<String> commandOutputKeys,
        String logTail,
        String errorClass,
        String errorLine,
        String signature,
        String fallbackReason,
        int modelCalls,
        long inputTokens,
        long outputTokens) {

    public ReportContext {
        commandOutputKeys = commandOutputKeys == null ? List.of() : List.copyOf(commandOutputKeys);
    }
}
