package io.patchctl.agent.cli;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.AdvisorInfo;
import io.patchctl.core.plan.AdvisorOutcome;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.RulesAdvisor;
import java.util.List;

/** A model advisor that cannot be used: plans by rules and records why in {@code fallback_reason}. */
final class RulesFallbackAdvisor implements Advisor {

    private final String modelId;
    private final String reason;

    RulesFallbackAdvisor(String modelId, String reason) {
        this.modelId = modelId;
        this.reason = reason;
    }

    @Override
    public AdvisorOutcome advise(List<SecurityUpdate> updates, PatchPolicy policy) {
        long start = System.nanoTime();
        var plan = new RulesAdvisor().plan(updates, policy);
        return new AdvisorOutcome(plan, new AdvisorInfo("rules", modelId, reason, 0, 0, (System.nanoTime() - start) / 1_000_000));
    }
}
