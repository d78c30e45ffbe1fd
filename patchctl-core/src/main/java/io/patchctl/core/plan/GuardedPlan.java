package io.patchctl.core.plan;

import java.util.List;

/**
 * PolicyGuard's decision: the only package names that may reach the package manager.
 *
 * @param approved package names to update: each reported by discovery, allowed by the policy, a valid RPM name
 * @param held     discovered packages not updated this run, each with its reason
 * @param rejected advisor proposals refused, each with its reason
 */
public record GuardedPlan(List<String> approved, List<HeldPackage> held, List<Rejection> rejected) {
    public GuardedPlan {
        approved = approved == null ? List.of() : List.copyOf(approved);
        held = held == null ? List.of() : List.copyOf(held);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    public boolean nothingToInstall() {
        return approved.isEmpty();
    }
}
