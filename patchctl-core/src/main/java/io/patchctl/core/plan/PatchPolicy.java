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
 * @param release            which release's repositories to patch from (Amazon Linux 2023); default locked
 * @param repair             what a run does when the package database is unhealthy (duplicates, {@code dnf check}
 *                           problems, an unfinished transaction): report it (default) or run the repair
 * @param circuitBreaker     quarantine an update that fails on a host, so that later hosts hold it and patch
 *                           the rest (default on; {@code circuit_breaker:}, see core.quarantine.CircuitBreaker)
 * @param quarantineTtl      how long such a quarantine lasts: the rest of the cycle (default 24 h;
 *                           {@code quarantine_hours:})
 */
public record PatchPolicy(List<String> holdGlobs, Severity minimumSeverity, boolean holdRebootPackages, int maxPackages,
                          ReleaseTrack release, RepairMode repair, boolean circuitBreaker,
                          java.time.Duration quarantineTtl) {

    /** {@code repair:} in the policy file. */
    public enum RepairMode {
        /** Report the problem, change nothing, never call the host compliant. */
        REPORT,
        /** Run the documented dnf repair first (see PackageDbRepair), then plan as usual if the database is healthy. */
        FIX
    }

    /** Packages whose update only takes effect after a reboot (RHEL-family; Amazon Linux's kernel6.x match "kernel*"). */
    public static final List<String> REBOOT_PACKAGE_GLOBS =
            List.of("kernel", "kernel-rt", "glibc", "linux-firmware", "systemd", "dbus*", "microcode_ctl");

    public PatchPolicy {
        holdGlobs = holdGlobs == null ? List.of() : List.copyOf(holdGlobs);
        minimumSeverity = minimumSeverity == null ? Severity.LOW : minimumSeverity;
        repair = repair == null ? RepairMode.REPORT : repair;
        if (maxPackages < 0) {
            throw new IllegalArgumentException("maxPackages must be >= 0 (0 = no limit), was " + maxPackages);
        }
        release = release == null ? ReleaseTrack.LOCKED : release;
        quarantineTtl = quarantineTtl == null ? DEFAULT_QUARANTINE_TTL : quarantineTtl;
        if (quarantineTtl.isNegative() || quarantineTtl.isZero()) {
            throw new IllegalArgumentException("quarantineTtl must be positive, was " + quarantineTtl);
        }
    }

    /** "The rest of the cycle" unless the policy says otherwise: a daily patch window. */
    public static final java.time.Duration DEFAULT_QUARANTINE_TTL = java.time.Duration.ofHours(24);

    /** A policy with the circuit breaker on for the default time. */
    public PatchPolicy(List<String> holdGlobs, Severity minimumSeverity, boolean holdRebootPackages, int maxPackages,
                       ReleaseTrack release, RepairMode repair) {
        this(holdGlobs, minimumSeverity, holdRebootPackages, maxPackages, release, repair, true, DEFAULT_QUARANTINE_TTL);
    }

    /** A policy on the default release track (locked) that only reports an unhealthy package database. */
    public PatchPolicy(List<String> holdGlobs, Severity minimumSeverity, boolean holdRebootPackages, int maxPackages) {
        this(holdGlobs, minimumSeverity, holdRebootPackages, maxPackages, ReleaseTrack.LOCKED, RepairMode.REPORT);
    }

    /** A policy on the given release track that only reports an unhealthy package database. */
    public PatchPolicy(List<String> holdGlobs, Severity minimumSeverity, boolean holdRebootPackages, int maxPackages,
                       ReleaseTrack release) {
        this(holdGlobs, minimumSeverity, holdRebootPackages, maxPackages, release, RepairMode.REPORT);
    }

    public PatchPolicy withRepair(RepairMode mode) {
        return toBuilder().repair(mode).build();
    }

    /** A builder holding this policy's values: the way to derive a policy with one thing changed. */
    public Builder toBuilder() {
        return new Builder().holdGlobs(holdGlobs).minimumSeverity(minimumSeverity).holdRebootPackages(holdRebootPackages)
                .maxPackages(maxPackages).release(release).repair(repair).circuitBreaker(circuitBreaker)
                .quarantineTtl(quarantineTtl);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /**
     * Builds a policy field by field. New policy keys are added here (and in {@link PolicyLoader}),
     * so that callers setting one value never have to name all the others.
     */
    public static final class Builder {
        private List<String> holdGlobs = List.of();
        private Severity minimumSeverity = Severity.LOW;
        private boolean holdRebootPackages;
        private int maxPackages;
        private ReleaseTrack release = ReleaseTrack.LOCKED;
        private RepairMode repair = RepairMode.REPORT;
        private boolean circuitBreaker = true;
        private java.time.Duration quarantineTtl = DEFAULT_QUARANTINE_TTL;

        private Builder() {
        }

        public Builder holdGlobs(List<String> holdGlobs) {
            this.holdGlobs = holdGlobs;
            return this;
        }

        public Builder minimumSeverity(Severity minimumSeverity) {
            this.minimumSeverity = minimumSeverity;
            return this;
        }

        public Builder holdRebootPackages(boolean holdRebootPackages) {
            this.holdRebootPackages = holdRebootPackages;
            return this;
        }

        public Builder maxPackages(int maxPackages) {
            this.maxPackages = maxPackages;
            return this;
        }

        public Builder release(ReleaseTrack release) {
            this.release = release;
            return this;
        }

        public Builder repair(RepairMode repair) {
            this.repair = repair;
            return this;
        }

        public Builder circuitBreaker(boolean circuitBreaker) {
            this.circuitBreaker = circuitBreaker;
            return this;
        }

        public Builder quarantineTtl(java.time.Duration quarantineTtl) {
            this.quarantineTtl = quarantineTtl;
            return this;
        }

        public PatchPolicy build() {
            return new PatchPolicy(holdGlobs, minimumSeverity, holdRebootPackages, maxPackages, release, repair,
                    circuitBreaker, quarantineTtl);
        }
    }

    public static PatchPolicy defaults() {
        return new PatchPolicy(List.of("kernel*"), Severity.LOW, false, 0, ReleaseTrack.LOCKED, RepairMode.REPORT);
    }
}
