package io.patchctl.core.insights.event;


/**
 * The seed's own test event, {@code Patch Manager Compliance State Change}, with camelCase detail
 * fields and the patch counts.
 */
final class SeedComplianceShape implements EventShape {

    private static final StatusSet FAILED = StatusSet.of("NonCompliant", "Failed");

    @Override
    public String detailType() {
        return "Patch Manager Compliance State Change";
    }

    @Override
    public EventVerdict read(EventEnvelope event, EventIdentity identity) {
        String status = event.requiredText("status");
        // Counts are read (and type-checked) before deciding, so a malformed event is never skipped silently.
        FailureCounts counts = new FailureCounts(event.count("missingCount"), event.count("failedCount"),
                event.count("installedRejectedCount"));
        if (!FAILED.contains(status)) {
            return new EventVerdict.Skip(detailType(), "status is " + status);
        }
        String instanceId = event.id("instanceId");
        if (instanceId == null) {
            throw new MalformedEventException(detailType() + " event with status " + status + " has no detail.instanceId");
        }
        return new EventVerdict.Failure(FailureEvent.builder().identity(identity).detailType(detailType())
                .instanceId(instanceId).status(status).windowId(event.id("maintenanceWindowId")).counts(counts)
                .raw(event.raw()).build());
    }
}
