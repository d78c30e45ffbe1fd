package io.patchctl.core.verify;

import io.patchctl.core.advisory.RpmVersion;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.plan.HoldKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, advisory by advisory, that each package is installed at or above the advisory's fixed EVR
 * ({@link SecurityUpdate#availableEvr()}, what dnf's updateinfo names) using the EVRs the verification's
 * one {@code rpm -q} read; a kernel must also be the one running. What is not fixed gets its reason
 * from the run's decisions: held (policy, advisor), quarantined, failed (approved but not installed),
 * needs reboot, or pending. Pure: no package manager calls of its own.
 */
public final class FixVerification {

    private final List<SecurityUpdate> discovered;
    private final Map<String, HeldPackage> held = new LinkedHashMap<>();
    private final Set<String> approved;
    private final String failure;
    private final Optional<String> runningKernel;
    private final Set<String> requested;

    /**
     * @param discovered    what discovery reported before the upgrade (the advisories and their fixed EVRs)
     * @param held          the guard's held list (with its kinds)
     * @param approved      what was handed to dnf
     * @param failure       why the transaction failed (null when it did not, or did not run)
     * @param runningKernel {@code uname -r} of the booted kernel; empty when unknown (kernels are then judged by rpm alone)
     * @param requested     advisory or CVE ids the run was asked for (a campaign); those not discovered are NOT_APPLICABLE
     */
    public FixVerification(List<SecurityUpdate> discovered, Collection<HeldPackage> held, Collection<String> approved,
                           String failure, Optional<String> runningKernel, Collection<String> requested) {
        this.discovered = List.copyOf(discovered);
        held.forEach(h -> this.held.putIfAbsent(h.packageName(), h));
        this.approved = Set.copyOf(approved);
        this.failure = failure;
        this.runningKernel = Objects.requireNonNull(runningKernel, "runningKernel");
        this.requested = new LinkedHashSet<>(requested);
    }

    /**
     * @param installed package name (or name.arch) to installed EVRs, newest first; empty = nothing was
     *                  read after an upgrade, so discovery's installed EVRs stand (every update pending)
     */
    public FixReport verify(Map<String, List<String>> installed) {
        boolean afterUpgrade = !installed.isEmpty();
        Map<String, List<SecurityUpdate>> byAdvisory = new LinkedHashMap<>();
        discovered.forEach(u -> byAdvisory.computeIfAbsent(u.advisoryId(), k -> new ArrayList<>()).add(u));

        List<AdvisoryFix> advisories = new ArrayList<>();
        Map<String, List<AdvisoryFix>> byCve = new LinkedHashMap<>();
        for (Map.Entry<String, List<SecurityUpdate>> e : byAdvisory.entrySet()) {
            List<PackageFix> packages = new ArrayList<>();
            Set<String> cves = new LinkedHashSet<>();
            Severity severity = Severity.UNKNOWN;
            for (SecurityUpdate u : e.getValue()) {
                packages.add(check(u, afterUpgrade ? newest(installed, u) : u.installedEvr(), afterUpgrade));
                cves.addAll(u.cves());
                severity = u.severity() != Severity.UNKNOWN ? u.severity() : severity;
            }
            NotFixedReason why = mostSerious(packages.stream().map(PackageFix::why).toList());
            AdvisoryFix fix = new AdvisoryFix(e.getKey(), severity, List.copyOf(cves),
                    why == null ? FixStatus.FIXED : FixStatus.NOT_FIXED, why, packages);
            advisories.add(fix);
            cves.forEach(c -> byCve.computeIfAbsent(c, k -> new ArrayList<>()).add(fix));
        }
        List<CveFix> cves = new ArrayList<>();
        byCve.forEach((cve, fixes) -> {
            NotFixedReason why = mostSerious(fixes.stream().map(AdvisoryFix::why).toList());
            cves.add(new CveFix(cve, why == null ? FixStatus.FIXED : FixStatus.NOT_FIXED, why,
                    fixes.stream().map(AdvisoryFix::advisoryId).toList()));
        });
        int notApplicable = 0;
        for (String id : requested) {
            if (!byAdvisory.containsKey(id) && !byCve.containsKey(id)) {
                notApplicable++;
                if (id.toUpperCase(java.util.Locale.ROOT).startsWith("CVE-")) {
                    cves.add(new CveFix(id, FixStatus.NOT_APPLICABLE, null, List.of()));
                } else {
                    advisories.add(new AdvisoryFix(id, Severity.UNKNOWN, List.of(), FixStatus.NOT_APPLICABLE, null, List.of()));
                }
            }
        }
        int fixed = (int) advisories.stream().filter(a -> a.status() == FixStatus.FIXED).count();
        int notFixed = (int) advisories.stream().filter(a -> a.status() == FixStatus.NOT_FIXED).count();
        return new FixReport(true, afterUpgrade ? "installed-evrs" : "discovery", fixed, notFixed, notApplicable,
                advisories, cves);
    }

    private PackageFix check(SecurityUpdate u, String now, boolean afterUpgrade) {
        String fixedEvr = u.availableEvr();
        if (now != null && RpmVersion.compareEvr(now, fixedEvr) >= 0) {
            if (KernelPackages.isBootedKernel(u.name()) && runningKernel.isPresent()
                    && !KernelPackages.runningAtLeast(runningKernel.get(), fixedEvr)) {
                return new PackageFix(u.name(), u.arch(), fixedEvr, now, FixStatus.NOT_FIXED, NotFixedReason.NEEDS_REBOOT,
                        "installed " + now + ", running kernel " + runningKernel.get());
            }
            return new PackageFix(u.name(), u.arch(), fixedEvr, now, FixStatus.FIXED, null, null);
        }
        HeldPackage hold = held.get(u.name());
        if (hold != null) {
            boolean quarantined = hold.kind() == HoldKind.QUARANTINED;
            return new PackageFix(u.name(), u.arch(), fixedEvr, now, FixStatus.NOT_FIXED,
                    quarantined ? NotFixedReason.QUARANTINED : NotFixedReason.HELD, hold.reason());
        }
        if (approved.contains(u.name()) && failure != null) {
            return new PackageFix(u.name(), u.arch(), fixedEvr, now, FixStatus.NOT_FIXED, NotFixedReason.FAILED, failure);
        }
        if (approved.contains(u.name()) && afterUpgrade) {
            return new PackageFix(u.name(), u.arch(), fixedEvr, now, FixStatus.NOT_FIXED, NotFixedReason.FAILED,
                    "approved, but rpm shows " + (now == null ? "it not installed" : now) + " after the upgrade, below the fixed "
                            + fixedEvr);
        }
        return new PackageFix(u.name(), u.arch(), fixedEvr, now, FixStatus.NOT_FIXED, NotFixedReason.PENDING,
                "not installed by this run");
    }

    private static String newest(Map<String, List<String>> installed, SecurityUpdate u) {
        List<String> evrs = installed.getOrDefault(u.name() + "." + u.arch(), installed.get(u.name()));
        return evrs == null || evrs.isEmpty() ? null : evrs.get(0);
    }

    private static NotFixedReason mostSerious(List<NotFixedReason> reasons) {
        return reasons.stream().filter(Objects::nonNull).min(Enum::compareTo).orElse(null);
    }
}
