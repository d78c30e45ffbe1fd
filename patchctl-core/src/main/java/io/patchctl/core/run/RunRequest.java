package io.patchctl.core.run;

import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.report.RunMode;
import java.util.Objects;

/** What one agent run is asked to do: identity of the host, mode, policy. */
public record RunRequest(String environment, String instanceId, String hostname, String installroot, RunMode mode,
                         PatchPolicy policy) {
    public RunRequest {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(policy, "policy");
        hostname = hostname == null ? "" : hostname;
        installroot = installroot == null ? "/" : installroot;
    }

    /** The same request with another policy (the run dates its policy, see {@link PatchPolicy#asOf}). */
    public RunRequest withPolicy(PatchPolicy other) {
        return new RunRequest(environment, instanceId, hostname, installroot, mode, other);
    }
}
