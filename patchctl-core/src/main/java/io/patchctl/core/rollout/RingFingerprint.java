package io.patchctl.core.rollout;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PlanFingerprint;
import java.util.List;

/**
 * The fingerprint a ring's plan is frozen under: the update set (builds and installed EVRs), the
 * policy and the distribution, as {@link PlanFingerprint} computes it, but without the model id:
 * a plan a ring proved stays proven whichever model made it.
 */
public final class RingFingerprint {

    static final String VERSION = "ring-plan/v1";

    private RingFingerprint() {
    }

    public static String of(List<SecurityUpdate> updates, PatchPolicy policy, Distro distro) {
        return PlanFingerprint.of(updates, policy, "ring", VERSION + " " + distro.id() + " " + distro.majorVersion());
    }
}
