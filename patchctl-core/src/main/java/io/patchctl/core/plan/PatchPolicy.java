package io.patchctl.core.plan;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.approval.ApprovalPolicy;
import io.patchctl.core.plan.approval.Exemption;
import java.time.LocalDate;
import io.patchctl.core.hooks.HookPolicy;
import io.patchctl.core.sla.SlaTargets;
import io.patchctl.core.campaign.CampaignSelection;
import java.util.List;
import java.util.Map;

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
 * @param approval           {@code approve_after_days} and {@code exceptions}, and the day a run judges them on
 * @param hooks              operator hooks (pre_install, post_install, post_reboot); default none
 * @param reboot             whether updates that need a reboot (kernels) are installed and the host rebooted
 *                           through SSM (exit 194) to finish them; default never
 * @param sla                days from advisory date to fix per severity, for the fleet report's SLA clocks
 * @param campaign           the CVEs/advisories this run is limited to ({@code patchctl run --cve/--advisory},
 *                           not a policy-file key); {@link CampaignSelection#NONE} = every update in scope
 * @param circuitBreaker     quarantine an update that fails on a host, so that later hosts hold it and patch
 *                           the rest (default on; {@code circuit_breaker:}, see core.quarantine.CircuitBreaker)
 * @param quarantineTtl      how long such a quarantine lasts: the rest of the cycle (default 24 h;
 *                           {@code quarantine_hours:})
 */
public record PatchPolicy(List<String> holdGlobs, Severity minimumSeverity, boolean holdRebootPackages, int maxPackages,
                          ReleaseTrack release, RepairMode repair, ApprovalPolicy approval, HookPolicy hooks,
                          RebootMode reboot, SlaTargets sla, CampaignSelection campaign,
                          boolean circuitBreaker, java.time.Duration quarantineTtl) {
    /** {@code reboot:} in the policy file. */
    public enum RebootMode {
        /** Updates that need a reboot are held (kernel* by default, as before this key existed). */
        NEVER("never"),
        /**
         * Kernels and other reboot-requiring updates are planned; after the install, if a new kernel is not
         * running or {@code needs-restarting -r} says so, the run asks SSM to reboot and resume (exit 194).
         */
        IF_NEEDED("if-needed");

        private final String label;

        RebootMode(String label) {
            this.label = label;
        }

        /** The policy file's spelling. */
        public String label() {
            return label;
        }
    }

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
        approval = approval == null ? ApprovalPolicy.NONE : approval;
        hooks = hooks == null ? HookPolicy.none() : hooks;
        reboot = reboot == null ? RebootMode.NEVER : reboot;
        sla = sla == null ? SlaTargets.defaults() : sla;
        campaign = campaign == null ? CampaignSelection.NONE : campaign;
        quarantineTtl = quarantineTtl == null ? DEFAULT_QUARANTINE_TTL : quarantineTtl;
        if (quarantineTtl.isNegative() || quarantineTtl.isZero()) {
            throw new IllegalArgumentException("quarantineTtl must be positive, was " + quarantineTtl);
        }
    }

    /** "The rest of the cycle" unless the policy says otherwise: a daily patch window. */
    public static final java.time.Duration DEFAULT_QUARANTINE_TTL = java.time.Duration.ofHours(24);

    /**
     * A policy with none of the later keys (approval age, exceptions, hooks, reboot, sla) outside any campaign, with the circuit breaker on for
     * the default time: the keys every policy had before them.
     */
    public PatchPolicy(List<String> holdGlobs, Severity minimumSeverity, boolean holdRebootPackages, int maxPackages,
                       ReleaseTrack release, RepairMode repair) {
        this(holdGlobs, minimumSeverity, holdRebootPackages, maxPackages, release, repair, ApprovalPolicy.NONE,
                HookPolicy.none(), RebootMode.NEVER, null, CampaignSelection.NONE, true, DEFAULT_QUARANTINE_TTL);
    }

    /**
     * This policy judged on {@code day} (UTC): the run dates its policy once from its own clock, so that
     * advisor, guard, fingerprint and report agree on which advisories are old enough and which exceptions lapsed.
     */
    public PatchPolicy asOf(LocalDate day) {
        return toBuilder().approval(approval.on(day)).build();
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
                .maxPackages(maxPackages).release(release).repair(repair).approval(approval).hooks(hooks).reboot(reboot)
                .sla(sla).campaign(campaign).circuitBreaker(circuitBreaker).quarantineTtl(quarantineTtl);
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
        private ApprovalPolicy approval = ApprovalPolicy.NONE;
        private HookPolicy hooks = HookPolicy.none();
        private RebootMode reboot = RebootMode.NEVER;
        private SlaTargets sla;
        private CampaignSelection campaign = CampaignSelection.NONE;
        private boolean circuitBreaker = true;
        private java.time.Duration quarantineTtl = DEFAULT_QUARANTINE_TTL;

        private Builder() {
        }

        public Builder reboot(RebootMode reboot) {
            this.reboot = reboot;
            return this;
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

        public Builder approval(ApprovalPolicy approval) {
            this.approval = approval;
            return this;
        }

        /** {@code approve_after_days}: whole days per severity ({@link Severity#UNKNOWN} = unrated). */
        public Builder approveAfterDays(Map<Severity, Integer> days) {
            this.approval = approval.withApproveAfterDays(days);
            return this;
        }

        /** {@code exceptions}: entries that hold what they match until they expire. */
        public Builder exceptions(List<Exemption> entries) {
            this.approval = approval.withExceptions(entries);
            return this;
        }

        public Builder sla(SlaTargets sla) {
            this.sla = sla;
            return this;
        }

        public Builder campaign(CampaignSelection campaign) {
            this.campaign = campaign;
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

        public Builder hooks(HookPolicy hooks) {

            this.hooks = hooks;
            return this;
        }

        public PatchPolicy build() {
            return new PatchPolicy(holdGlobs, minimumSeverity, holdRebootPackages, maxPackages, release, repair, approval,
                    hooks, reboot, sla, campaign, circuitBreaker, quarantineTtl);
        }
    }

    public static PatchPolicy defaults() {
        return new PatchPolicy(List.of("kernel*"), Severity.LOW, false, 0, ReleaseTrack.LOCKED, RepairMode.REPORT);
    }
}
