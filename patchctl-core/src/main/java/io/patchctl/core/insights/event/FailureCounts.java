package io.patchctl.core.insights.event;

/** The seed event's patch counts; null where the event does not carry them. */
public record FailureCounts(Integer missing, Integer failed, Integer installedRejected) {
    public static final FailureCounts NONE = new FailureCounts(null, null, null);
}
