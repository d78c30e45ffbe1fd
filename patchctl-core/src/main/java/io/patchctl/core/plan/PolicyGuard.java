package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Enforces the policy on any advisor's plan: "the model advises, code decides". A package survives
 * only if it is a valid RPM name, discovery reported a security update for it, and the policy does
 * not hold it. Everything else an advisor proposed is rejected with a reason; every discovered
 * package that is not approved is held with a reason.
 */
public final class PolicyGuard {

    private final PolicyRules rules;

    public PolicyGuard(PatchPolicy policy) {
        this.rules = new PolicyRules(policy);
    }

    /** @param extraHolds holds from outside the policy file (a ring's approval), enforced like the policy's */
    public PolicyGuard(PatchPolicy policy, List<HoldRule> extraHolds) {
        this.rules = new PolicyRules(policy, extraHolds);
    }

    public GuardedPlan guard(List<SecurityUpdate> discovered, AdvisorOutcome outcome) {
        Map<String, List<SecurityUpdate>> byName = byName(discovered);
        PatchPlan plan = outcome.plan();
        List<Rejection> rejected = new ArrayList<>();
        outcome.replyRejections().forEach(r -> rejected.add(new Rejection(r, "refused in the advisor's reply")));

        Map<String, String> heldReasons = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : plan.install()) {
            String name = item == null ? "" : item.strip();
            Optional<String> problem = RpmNames.problem(name);
            if (problem.isPresent()) {
                rejected.add(new Rejection(item, problem.get()));
            } else if (!byName.containsKey(name)) {
                rejected.add(new Rejection(item, "dnf reported no pending security update for this package"));
            } else if (!seen.add(name)) {
                continue; // a duplicate of an accepted proposal changes nothing
            } else {
                Optional<String> hold = rules.holdReason(name, byName.get(name));
                if (hold.isPresent()) {
                    rejected.add(new Rejection(item, hold.get()));
                    heldReasons.put(name, hold.get());
                } else {
                    candidates.add(name);
                }
            }
        }

        // Most severe first, so a package cap keeps the fixes that matter most.
        candidates.sort(Comparator.comparing((String n) -> PolicyRules.highestSeverity(byName.get(n)).ordinal())
                .thenComparing(Comparator.naturalOrder()));
        int max = rules.policy().maxPackages();
        List<String> approved = new ArrayList<>();
        for (String name : candidates) {
            if (max > 0 && approved.size() >= max) {
                heldReasons.put(name, "policy allows at most " + max + " packages per run");
            } else {
                approved.add(name);
            }
        }

        Map<String, String> advisorHolds = new LinkedHashMap<>();
        for (HeldPackage h : plan.hold()) {
            advisorHolds.putIfAbsent(h.packageName().strip(), h.reason());
        }
        List<HeldPackage> held = new ArrayList<>();
        for (String name : byName.keySet()) {
            if (approved.contains(name)) {
                continue;
            }
            Optional<String> policyReason = rules.holdReason(name, byName.get(name))
                    .or(() -> Optional.ofNullable(heldReasons.get(name)));
            String reason = policyReason
                    .or(() -> Optional.ofNullable(advisorHolds.get(name)).map(r -> "advisor: " + (r.isBlank() ? "held" : r)))
                    .orElse("advisor did not plan this update");
            held.add(new HeldPackage(name, reason, policyReason.isPresent() ? HoldKind.POLICY : HoldKind.ADVISOR));
        }
        return new GuardedPlan(approved, held, rejected);
    }

    /** Discovered updates grouped by package name, in discovery order. */
    public static Map<String, List<SecurityUpdate>> byName(List<SecurityUpdate> updates) {
        Map<String, List<SecurityUpdate>> byName = new LinkedHashMap<>();
        for (SecurityUpdate u : updates) {
            byName.computeIfAbsent(u.name(), k -> new ArrayList<>()).add(u);
        }
        return byName;
    }
}
