package io.patchctl.core.compliance;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a RunReport to compliance items, one per advisory, with the RunReport's meaning of
 * compliance: an advisory is NON_COMPLIANT while one of its packages still has an update the policy
 * allows; installed and held packages (kernel by policy, with the reason) are COMPLIANT.
 */
public final class ComplianceItems {

    /** The SSM compliance type patchctl writes (EventBridge rules and dashboards key on it). */
    public static final String TYPE = "Custom:RHEL8SecurityPatching";
    public static final String COMPLIANT = "COMPLIANT";
    public static final String NON_COMPLIANT = "NON_COMPLIANT";
    private static final int MAX_DETAIL = 1000;

    private ComplianceItems() {
    }

    public static List<ComplianceItem> of(RunReport report) {
        if (report.discovered().isEmpty()) {
            boolean failed = report.status() == RunStatus.FAILED || report.status() == RunStatus.CANCELLED;
            Map<String, String> details = new LinkedHashMap<>();
            details.put("run_id", report.runId());
            details.put("status", report.status().name());
            if (report.error() != null) {
                details.put("error", cap(report.error()));
            }
            return List.of(new ComplianceItem("patchctl-run", failed ? "patchctl run " + report.status().name().toLowerCase(java.util.Locale.ROOT) : "no pending security updates",
                    failed ? "HIGH" : "INFORMATIONAL", failed ? NON_COMPLIANT : COMPLIANT, details));
        }
        Set<String> pending = pending(report);
        Map<String, String> heldReasons = new LinkedHashMap<>();
        for (HeldPackage h : report.held()) {
            heldReasons.putIfAbsent(h.packageName(), h.reason());
        }
        Map<String, List<SecurityUpdate>> byAdvisory = new LinkedHashMap<>();
        report.discovered().forEach(u -> byAdvisory.computeIfAbsent(u.advisoryId(), k -> new ArrayList<>()).add(u));
        List<ComplianceItem> items = new ArrayList<>();
        byAdvisory.forEach((advisory, updates) -> {
            Set<String> names = new LinkedHashSet<>();
            Set<String> cves = new LinkedHashSet<>();
            updates.forEach(u -> {
                names.add(u.name());
                cves.addAll(u.cves());
            });
            boolean nonCompliant = names.stream().anyMatch(pending::contains);
            List<String> states = new ArrayList<>();
            for (String n : names) {
                states.add(n + "=" + (pending.contains(n) ? "pending"
                        : heldReasons.containsKey(n) ? "held (" + heldReasons.get(n) + ")" : "installed"));
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("packages", cap(String.join(",", names)));
            details.put("cves", cap(cves.isEmpty() ? "-" : String.join(",", cves)));
            details.put("state", cap(String.join("; ", states)));
            details.put("run_id", report.runId());
            items.add(new ComplianceItem(advisory, cap(advisory + " " + String.join(" ", names)),
                    severity(updates.get(0).severity()), nonCompliant ? NON_COMPLIANT : COMPLIANT, details));
        });
        return items;
    }

    /** Packages that still have an allowed update after this run. */
    private static Set<String> pending(RunReport report) {
        if (report.verification().ran()) {
            Set<String> pending = new HashSet<>(report.verification().remainingAllowed());
            // installed but not yet running (a kernel before the reboot it asked for): not compliant yet
            report.fixVerification().advisories().forEach(a -> a.packages().stream()
                    .filter(p -> p.why() == io.patchctl.core.verify.NotFixedReason.NEEDS_REBOOT)
                    .forEach(p -> pending.add(p.name())));
            return pending;
        }
        // No verification (scan-only, failed transaction): everything not held is still pending,
        // minus what the transaction reported as installed.
        Set<String> pending = new HashSet<>();
        Set<String> held = new HashSet<>();
        // only policy holds count as compliant; an advisor's hold or omission leaves the update pending
        report.held().stream().filter(h -> !h.reason().startsWith("advisor"))
                .forEach(h -> held.add(h.packageName()));
        report.discovered().forEach(u -> {
            if (!held.contains(u.name())) {
                pending.add(u.name());
            }
        });
        for (String nevra : report.apply().installed()) {
            pending.removeIf(name -> nevra.startsWith(name + "-") && nevra.substring(name.length() + 1).matches("[0-9].*"));
        }
        return pending;
    }

    static String severity(Severity s) {
        switch (s) {
            case CRITICAL: return "CRITICAL";
            case IMPORTANT: return "HIGH";
            case MODERATE: return "MEDIUM";
            case LOW: return "LOW";
            default: return "UNSPECIFIED";
        }
    }

    private static String cap(String s) {
        return s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "…" : s;
    }
}
