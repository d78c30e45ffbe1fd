package io.patchctl.core.plan;

import io.patchctl.core.advisory.Severity;
import java.util.List;

/**
 * The operator's rules, enforced in code whatever an advisor says.
 *
 * @param holdGlobs          package-name globs never updated by the agent (default {@code kernel*})
 * @param minimumSeverity    updates below this severity are held
 * @param holdRebootPackages also hold packages whose update needs a reboot (glibc, systemd, …)
 * @param maxPackages        at most this many packages per run; the rest are held (0 = no limit)
 * @param repair             what a run does when the package database is unhealthy (duplicates, {@code dnf check}
 *                           problems, an unfinished transaction): report it (default) or run the repair
 */
public record PatchPolicy(List<String> holdGlobs, Severity minimumSeverity, boolean holdRebootPackages, int maxPackages,
                          RepairMode repair) {

    /** {@code repair:} in the policy file. */
    public enum RepairMode {
        /** Report the problem, change nothing, never call the host compliant. */
        REPORT,
        /** Run the documented dnf repair first (see PackageDbRepair), then plan as usual if the database is healthy. */
        FIX
    }

    /** Packages whose update only takes effect after a reboot on RHEL 8. */
    public static final List<String> REBOOT_PACKAGE_GLOBS =
            List.of("kernel", "kernel-rt", "glibc", "linux-firmware", "systemd", "dbus*", "microcode_ctl");

    public PatchPolicy {
        holdGlobs = holdGlobs == null ? List.of() : List.copyOf(holdGlobs);
        minimumSeverity = minimumSeverity == null ? Severity.LOW : minimumSeverity;
        repair = repair == null ? RepairMode.REPORT : repair;
        if (maxPackages < 0) {
            throw new IllegalArgumentException("maxPackages must be >= 0 (0 = no limit), was " + maxPackages);
        }
    }

    /** A policy that only reports an unhealthy package database. */
    public PatchPolicy(List<String> holdGlobs, Severity minimumSeverity, boolean holdRebootPackages, int maxPackages) {
        this(holdGlobs, minimumSeverity, holdRebootPackages, maxPackages, RepairMode.REPORT);
    }

    public PatchPolicy withRepair(RepairMode mode) {
        return new PatchPolicy(holdGlobs, minimumSeverity, holdRebootPackages, maxPackages, mode);
    }

    public static PatchPolicy defaults() {
        return new PatchPolicy(List.of("kernel*"), Severity.LOW, false, 0, RepairMode.REPORT);
    }
}
