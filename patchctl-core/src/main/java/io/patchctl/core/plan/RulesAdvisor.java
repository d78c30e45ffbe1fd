package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The advisor without AI: plans every security update the policy allows and holds the rest with the
 * policy's reason. The offline default and the fallback of every model advisor.
 */
public final class RulesAdvisor implements Advisor {

    @Override
    public AdvisorOutcome advise(List<SecurityUpdate> updates, PatchPolicy policy) {
        long start = System.nanoTime();
        PatchPlan plan = plan(updates, policy);
        return new AdvisorOutcome(plan, AdvisorInfo.rules((System.nanoTime() - start) / 1_000_000));
    }

    /** The plan alone, for advisors that fall back to rules and report their own AdvisorInfo. */
    public PatchPlan plan(List<SecurityUpdate> updates, PatchPolicy policy) {
        PolicyRules rules = new PolicyRules(policy);
        Map<String, List<SecurityUpdate>> byName = PolicyGuard.byName(updates);
        if (byName.isEmpty()) {
            return PatchPlan.empty("rules: no pending security updates");
        }
        List<String> install = new ArrayList<>();
        List<HeldPackage> hold = new ArrayList<>();
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        boolean reboot = false;
        for (Map.Entry<String, List<SecurityUpdate>> e : byName.entrySet()) {
            Optional<String> reason = rules.holdReason(e.getKey(), e.getValue());
            if (reason.isPresent()) {
                hold.add(new HeldPackage(e.getKey(), reason.get()));
            } else {
                install.add(e.getKey());
                bySeverity.merge(PolicyRules.highestSeverity(e.getValue()), 1, Integer::sum);
                reboot |= rules.needsReboot(e.getKey());
            }
        }
        String counts = bySeverity.entrySet().stream()
                .map(s -> s.getValue() + " " + s.getKey().label())
                .collect(Collectors.joining(", "));
        String reasoning = "rules: update " + install.size() + " package(s) with security fixes"
                + (counts.isEmpty() ? "" : " (" + counts + ")") + "; " + hold.size() + " held by policy"
                + (reboot ? "; includes packages that take effect after a reboot" : "");
        Risk risk = install.isEmpty() ? Risk.LOW : reboot ? Risk.MEDIUM : Risk.LOW;
        return new PatchPlan(install, hold, risk, reasoning);
    }
}
