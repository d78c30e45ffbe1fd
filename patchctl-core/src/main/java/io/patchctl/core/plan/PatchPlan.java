package io.patchctl.core.plan;

import java.util.List;

/**
 * What an advisor proposes: package names to update and packages to hold back. A plan is only
 * advice: {@code PolicyGuard} decides what reaches the package manager.
 */
public record PatchPlan(List<String> install, List<HeldPackage> hold, Risk risk, String reasoning) {
    public PatchPlan {
        install = install == null ? List.of() : List.copyOf(install);
        hold = hold == null ? List.of() : List.copyOf(hold);
        risk = risk == null ? Risk.HIGH : risk;
        reasoning = reasoning == null ? "" : reasoning;
    }

    public static PatchPlan empty(String reasoning) {
        return new PatchPlan(List.of(), List.of(), Risk.LOW, reasoning);
    }
}
