package io.patchctl.core.insights;

import io.patchctl.core.insights.event.FailureEvent;
import java.util.List;

/**
 * Port: finds the hosts behind a maintenance-window task invocation (SSM
 * GetMaintenanceWindowExecutionTaskInvocation in production).
 */
public interface WindowTargetResolver {

    /** A host the invocation ran on, and the Run Command it ran there (null when unknown). */
    record Target(String instanceId, String commandId) {
    }

    /**
     * @return the targets, or an empty list when they cannot be found (SSM unreachable, not allowed,
     *         gone): the report is then keyed by the window execution id
     */
    List<Target> resolve(FailureEvent event);

    WindowTargetResolver NONE = event -> List.of();
}
