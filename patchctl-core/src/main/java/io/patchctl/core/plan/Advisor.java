package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.Distro;
import java.util.List;

/** Port: proposes a patch plan for the pending security updates of one host. */
public interface Advisor {

    /**
     * @param updates the host's pending security updates, as discovery reported them
     * @param policy  the operator's policy (advisors may use it to explain holds; PolicyGuard enforces it)
     * @return a plan; an advisor that cannot answer falls back rather than throwing
     */
    AdvisorOutcome advise(List<SecurityUpdate> updates, PatchPolicy policy);

    /**
     * As {@link #advise(List, PatchPolicy)}, for a host of a known distribution (an advisor that writes a
     * prompt names it; the rules need not).
     */
    default AdvisorOutcome advise(List<SecurityUpdate> updates, PatchPolicy policy, Distro distro) {
        return advise(updates, policy);
    }
}
