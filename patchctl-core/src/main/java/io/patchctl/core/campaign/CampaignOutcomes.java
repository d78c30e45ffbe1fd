package io.patchctl.core.campaign;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.report.ApplyResult;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.report.Verification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out, after a run, what each campaign id came to on this host from what the run recorded:
 * discovery (which packages fix the id), the guard's decision (approved or held, with the reason),
 * the upgrade and the verification after it (is the package still pending?).
 */
public final class CampaignOutcomes {

    private CampaignOutcomes() {
    }

    /**
     * @param guarded whether the run got as far as the guard; false when it failed before planning
     * @param approved packages PolicyGuard let through
     * @param held     packages held, with their reasons
     * @param error    the run's error, or null
     * @return the report section, or null when {@code selection} is not a campaign
     */
    public static CampaignReport of(CampaignSelection selection, List<SecurityUpdate> discovered, boolean guarded,
                                    List<String> approved, List<HeldPackage> held, ApplyResult apply,
                                    Verification verification, RunStatus status, String error) {
        if (selection == null || !selection.active()) {
            return null;
        }
        Map<String, String> heldReasons = new LinkedHashMap<>();
        held.forEach(h -> heldReasons.putIfAbsent(h.packageName(), h.reason()));
        Set<String> stillPending = new HashSet<>(verification.remainingAllowed());
        stillPending.addAll(verification.remainingHeld());
        List<CampaignReport.IdResult> results = new ArrayList<>();
        for (String id : selection.ids()) {
            if (!guarded) {
                results.add(new CampaignReport.IdResult(id, CampaignStatus.FAILED, List.of(),
                        "the run failed before planning: " + error));
                continue;
            }
            Set<String> packages = new LinkedHashSet<>();
            discovered.stream().filter(u -> CampaignSelection.fixes(u, id)).forEach(u -> packages.add(u.name()));
            results.add(resultFor(id, List.copyOf(packages), approved, heldReasons, apply, verification, stillPending,
                    status, error));
        }
        return new CampaignReport(selection.cves(), selection.advisories(), results);
    }

    private static CampaignReport.IdResult resultFor(String id, List<String> packages, List<String> approved,
                                                     Map<String, String> heldReasons, ApplyResult apply,
                                                     Verification verification, Set<String> stillPending,
                                                     RunStatus status, String error) {
        if (packages.isEmpty()) {
            return new CampaignReport.IdResult(id, CampaignStatus.NOT_APPLICABLE, packages, null);
        }
        List<String> failed = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        List<String> heldHere = new ArrayList<>();
        for (String name : packages) {
            if (approved.contains(name)) {
                boolean fixed = apply.ran() && verification.ran() && !stillPending.contains(name);
                if (!fixed) {
                    (apply.ran() || status == RunStatus.FAILED ? failed : pending).add(name);
                }
            } else {
                heldHere.add(name + ": " + heldReasons.getOrDefault(name, "not approved"));
            }
        }
        if (!failed.isEmpty()) {
            return new CampaignReport.IdResult(id, CampaignStatus.FAILED, packages,
                    "not installed: " + String.join(", ", failed) + (error == null ? "" : " (" + error + ")"));
        }
        if (!heldHere.isEmpty()) {
            return new CampaignReport.IdResult(id, CampaignStatus.HELD, packages, String.join("; ", heldHere));
        }
        if (!pending.isEmpty()) {
            return new CampaignReport.IdResult(id, CampaignStatus.PENDING, packages,
                    "allowed, not installed by this run (" + (status == RunStatus.CANCELLED ? "cancelled" : "scan only") + "): "
                            + String.join(", ", pending));
        }
        return new CampaignReport.IdResult(id, CampaignStatus.FIXED, packages, null);
    }
}
