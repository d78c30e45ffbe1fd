package io.patchctl.core.campaign.fleet;

import java.util.Objects;

/** One host's invocation of the campaign's command, as Run Command reports it. */
public record HostInvocation(String instanceId, InvocationState state, String statusDetails) {
    public HostInvocation {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(state, "state");
        statusDetails = statusDetails == null ? "" : statusDetails;
    }
}
