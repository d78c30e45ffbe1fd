package io.patchctl.core.rollout;

import io.patchctl.core.plan.PatchPlan;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one host of a ring installed successfully in one run, stored under
 * {@link io.patchctl.core.store.ReportKeys#ringSuccess}; a promotion merges these.
 *
 * @param fingerprint {@link RingFingerprint} of the update set the host planned (the plan is reused for it)
 * @param plan        the plan the host ran, frozen for later rings with the same fingerprint
 */
public record RingSuccess(String schema, String ring, String instanceId, String runId, Instant recordedAt,
                          String fingerprint, PatchPlan plan, List<RingPackage> packages) {

    public static final String SCHEMA = "patchctl.ring-success/v1";

    public RingSuccess {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(recordedAt, "recordedAt");
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
