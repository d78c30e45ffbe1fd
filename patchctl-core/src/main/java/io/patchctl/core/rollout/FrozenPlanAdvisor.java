package io.patchctl.core.rollout;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.AdvisorInfo;
import io.patchctl.core.plan.AdvisorOutcome;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PlanCacheStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Same fingerprint, same plan: in a gated ring, a host whose update set (restricted to the approved
 * builds) has the fingerprint of a plan the previous ring proved runs that plan without asking any
 * model ({@code advisor.kind = "ring"}, plan cache {@code hit}). Any other update set is planned by
 * the wrapped advisor. PolicyGuard checks a frozen plan like every other.
 */
public final class FrozenPlanAdvisor implements Advisor {

    public static final String KIND = "ring";

    private final Advisor delegate;
    private final RingGate gate;

    public FrozenPlanAdvisor(Advisor delegate, RingGate gate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public AdvisorOutcome advise(List<SecurityUpdate> updates, PatchPolicy policy) {
        return advise(updates, policy, Distro.UNKNOWN);
    }

    @Override
    public AdvisorOutcome advise(List<SecurityUpdate> updates, PatchPolicy policy, Distro distro) {
        if (!updates.isEmpty()) {
            Optional<PatchPlan> frozen = gate.frozenPlan(RingFingerprint.of(updates, policy, distro));
            if (frozen.isPresent()) {
                return new AdvisorOutcome(frozen.get(), new AdvisorInfo(KIND, null, null, 0, 0, 0, PlanCacheStatus.HIT));
            }
        }
        return delegate.advise(updates, policy, distro);
    }
}
