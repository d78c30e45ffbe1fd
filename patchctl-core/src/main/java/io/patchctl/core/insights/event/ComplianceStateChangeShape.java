package io.patchctl.core.insights.event;

import java.util.Locale;

/** {@code Configuration Compliance State Change}: Patch or Custom:… compliance turned non_compliant. */
final class ComplianceStateChangeShape implements EventShape {

    @Override
    public String detailType() {
        return "Configuration Compliance State Change";
    }

    @Override
    public EventVerdict read(EventEnvelope event, EventIdentity identity) {
        String status = event.requiredText("compliance-status");
        String type = event.requiredText("compliance-type");
        if (!"non_compliant".equals(status.toLowerCase(Locale.ROOT))) {
            return new EventVerdict.Skip(detailType(), "compliance-status is " + status);
        }
        if (!type.equals("Patch") && !type.startsWith("Custom:")) {
            return new EventVerdict.Skip(detailType(), "compliance-type " + type + " is not about patching");
        }
        String instanceId = event.id("resource-id");
        if (instanceId == null) {
            throw new MalformedEventException(detailType() + " event has no detail.resource-id");
        }
        return new EventVerdict.Failure(FailureEvent.builder().identity(identity).detailType(detailType())
                .instanceId(instanceId).status(status).complianceType(type).severity(event.text("severity"))
                .raw(event.raw()).build());
    }
}
