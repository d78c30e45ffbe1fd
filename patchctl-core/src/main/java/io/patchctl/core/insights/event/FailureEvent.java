package io.patchctl.core.insights.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One "a host failed to patch" event, whatever shape AWS (or the seed's test) delivered it in.
 *
 * @param eventId           EventBridge id, or a content hash when the event has none (a redelivery keeps it)
 * @param eventTime         when the failure happened (keys the report)
 * @param detailType        the EventBridge detail-type
 * @param region            the event's region, or null
 * @param instanceId        the failed host, or null for a maintenance-window event not yet resolved
 * @param status            the status as the event spells it (Failed, TIMED_OUT, non_compliant, NonCompliant)
 * @param commandId         Run Command id, or null
 * @param documentName      SSM document, or null
 * @param windowId          maintenance window id, or null
 * @param windowExecutionId maintenance window execution id, or null
 * @param taskExecutionId   maintenance window task execution id, or null
 * @param invocationId      maintenance window task invocation id, or null
 * @param complianceType    Patch, Custom:…, or null
 * @param severity          the compliance severity the event reports, or null
 * @param counts            missing / failed / installed-rejected counts (seed event), possibly all null
 * @param raw               the event as received (goes into the report's {@code event} field)
 */
public record FailureEvent(
        String eventId,
        Instant eventTime,
        String detailType,
        String region,
        String instanceId,
        String status,
        String commandId,
        String documentName,
        String windowId,
        String windowExecutionId,
        String taskExecutionId,
        String invocationId,
        String complianceType,
        String severity,
        FailureCounts counts,
        JsonNode raw) {

    public FailureEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(raw, "raw");
        counts = counts == null ? FailureCounts.NONE : counts;
        if (instanceId == null && windowExecutionId == null) {
            throw new MalformedEventException("a " + detailType + " failure event must name an instance or a window execution");
        }
    }

    /** True for a maintenance-window event whose host is still to be found through SSM. */
    public boolean needsTargetResolution() {
        return instanceId == null;
    }

    /** What the report is filed under: the host, or the window execution when no host could be named. */
    public String subjectId() {
        return instanceId != null ? instanceId : windowExecutionId;
    }

    /** The same event attributed to one resolved target host (and the Run Command that ran there). */
    public FailureEvent withTarget(String targetInstanceId, String targetCommandId) {
        return new FailureEvent(eventId, eventTime, detailType, region, targetInstanceId, status,
                targetCommandId != null ? targetCommandId : commandId, documentName, windowId, windowExecutionId,
                taskExecutionId, invocationId, complianceType, severity, counts, raw);
    }
}
