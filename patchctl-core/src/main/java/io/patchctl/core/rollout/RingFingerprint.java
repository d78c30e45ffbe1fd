package io.patchctl.core.rollout;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PlanFingerprint;
import io.patchctl.core.plan.PolicyGuard;
import io.patchctl.core.plan.PolicyRules;
import java.util.List;

/**
 * The fingerprint a ring's plan is frozen under: the update set (builds and installed EVRs), the
 * policy and the distribution, as {@link PlanFingerprint} computes it, but without the model id:
 * a plan a ring proved stays proven whichever model made it.
 *
 * <p>Only the updates the policy allows count. An update the policy holds (kernel* by default) is held
 * whatever the plan says, and it is never installed, so never proven: the next ring's gate never makes
 * it eligible. Counted, it made every first-ring fingerprint differ from the next ring's, and no
 * frozen plan was ever reused on a fleet with a held kernel pending.
 */
public final class RingFingerprint {

    static final String VERSION = "ring-plan/v2";

    private RingFingerprint() {
    }

    public static String of(List<SecurityUpdate> updates, PatchPolicy policy, Distro distro) {
        PolicyRules rules = new PolicyRules(policy);
        java.util.Map<String, List<SecurityUpdate>> byName = PolicyGuard.byName(updates);
        List<SecurityUpdate> allowed = updates.stream()
                .filter(u -> rules.holdReason(u.name(), byName.get(u.name())).isEmpty()).toList();
        return PlanFingerprint.of(allowed, policy, "ring", VERSION + " " + distro.id() + " " + distro.majorVersion());
    }
}
