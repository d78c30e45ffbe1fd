package io.patchctl.core.insights.event;


/**
 * {@code Maintenance Window Task Target Invocation State-change Notification}: names the window
 * execution, not the host; the service resolves the host through SSM when it can.
 */
final class WindowTargetInvocationShape implements EventShape {

    private static final StatusSet FAILED = StatusSet.of("FAILED", "TIMED_OUT");

    @Override
    public String detailType() {
        return "Maintenance Window Task Target Invocation State-change Notification";
    }

    @Override
    public EventVerdict read(EventEnvelope event, EventIdentity identity) {
        String status = event.requiredText("status");
        if (!FAILED.contains(status)) {
            return new EventVerdict.Skip(detailType(), "task invocation status is " + status);
        }
        String windowExecutionId = event.id("window-execution-id");
        if (windowExecutionId == null) {
            throw new MalformedEventException(detailType() + " event has no detail.window-execution-id");
        }
        return new EventVerdict.Failure(FailureEvent.builder().identity(identity).detailType(detailType())
                .status(status).windowId(event.id("window-id")).windowExecutionId(windowExecutionId)
                .taskExecutionId(event.id("task-execution-id")).invocationId(event.id("invocation-id"))
                .raw(event.raw()).build());
    }
}
