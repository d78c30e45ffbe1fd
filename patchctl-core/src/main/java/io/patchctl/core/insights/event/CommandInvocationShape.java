package io.patchctl.core.insights.event;

/** {@code EC2 Command Invocation Status-change Notification}: a Run Command on one host ended badly. */
final class CommandInvocationShape implements EventShape {

    /** Run Command's failed end states (ListCommandInvocations spells some with spaces). */
    private static final StatusSet FAILED = StatusSet.of("Failed", "TimedOut", "Cancelled", "Canceled", "Undeliverable",
            "Terminated", "DeliveryTimedOut", "ExecutionTimedOut", "AccessDenied", "InvalidPlatform");

    @Override
    public String detailType() {
        return "EC2 Command Invocation Status-change Notification";
    }

    @Override
    public EventVerdict read(EventEnvelope event, EventIdentity identity) {
        String status = event.requiredText("status");
        if (!FAILED.contains(status)) {
            return new EventVerdict.Skip(detailType(), "command status is " + status);
        }
        String instanceId = event.id("instance-id");
        if (instanceId == null) {
            throw new MalformedEventException(detailType() + " event with status " + status + " has no detail.instance-id");
        }
        return new EventVerdict.Failure(FailureEvent.builder().identity(identity).detailType(detailType())
                .instanceId(instanceId).status(status).commandId(event.id("command-id"))
                .documentName(event.text("document-name")).raw(event.raw()).build());
    }
}
