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
        return toBuilder().instanceId(targetInstanceId).commandId(targetCommandId != null ? targetCommandId : commandId).build();
    }

    /** An event built field by field: the shapes each set the few fields their detail carries. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this event, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().eventId(eventId).eventTime(eventTime).detailType(detailType).region(region)
                .instanceId(instanceId).status(status).commandId(commandId).documentName(documentName).windowId(windowId)
                .windowExecutionId(windowExecutionId).taskExecutionId(taskExecutionId).invocationId(invocationId)
                .complianceType(complianceType).severity(severity).counts(counts).raw(raw);
    }

    /** Builds a {@link FailureEvent}; id, time, detail type, status, raw and an instance or window execution are required. */
    public static final class Builder {
        private String eventId;
        private Instant eventTime;
        private String detailType;
        private String region;
        private String instanceId;
        private String status;
        private String commandId;
        private String documentName;
        private String windowId;
        private String windowExecutionId;
        private String taskExecutionId;
        private String invocationId;
        private String complianceType;
        private String severity;
        private FailureCounts counts;
        private JsonNode raw;

        private Builder() {
        }

        /** The id, time and region resolved from the envelope. */
        public Builder identity(EventIdentity identity) {
            return eventId(identity.eventId()).eventTime(identity.eventTime()).region(identity.region());
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder eventTime(Instant eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        public Builder detailType(String detailType) {
            this.detailType = detailType;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder commandId(String commandId) {
            this.commandId = commandId;
            return this;
        }

        public Builder documentName(String documentName) {
            this.documentName = documentName;
            return this;
        }

        public Builder windowId(String windowId) {
            this.windowId = windowId;
            return this;
        }

        public Builder windowExecutionId(String windowExecutionId) {
            this.windowExecutionId = windowExecutionId;
            return this;
        }

        public Builder taskExecutionId(String taskExecutionId) {
            this.taskExecutionId = taskExecutionId;
            return this;
        }

        public Builder invocationId(String invocationId) {
            this.invocationId = invocationId;
            return this;
        }

        public Builder complianceType(String complianceType) {
            this.complianceType = complianceType;
            return this;
        }

        public Builder severity(String severity) {
            this.severity = severity;
            return this;
        }

        public Builder counts(FailureCounts counts) {
            this.counts = counts;
            return this;
        }

        public Builder raw(JsonNode raw) {
            this.raw = raw;
            return this;
        }

        public FailureEvent build() {
            return new FailureEvent(eventId, eventTime, detailType, region, instanceId, status, commandId, documentName,
                    windowId, windowExecutionId, taskExecutionId, invocationId, complianceType, severity, counts, raw);
        }
    }
}
