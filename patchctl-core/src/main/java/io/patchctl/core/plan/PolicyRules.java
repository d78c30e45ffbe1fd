package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.approval.ApprovalRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The policy applied to one package: the single place that says whether, and why, the policy holds
 * a package. Shared by {@link RulesAdvisor} (to plan) and {@link PolicyGuard} (to enforce), so
 * the two can never disagree.
 */
public final class PolicyRules {

    private final PatchPolicy policy;
    private final List<PackageGlob> holdGlobs = new ArrayList<>();
    private final List<PackageGlob> rebootGlobs = new ArrayList<>();
    private final ApprovalRules approval;
    private final List<HoldRule> extraHolds;

    public PolicyRules(PatchPolicy policy) {
        this(policy, List.of());
    }

    /** @param extraHolds holds from outside the policy file (e.g. a ring's approval), applied after the policy's own */
    public PolicyRules(PatchPolicy policy, List<HoldRule> extraHolds) {
        this.policy = policy;
        this.extraHolds = List.copyOf(extraHolds);
        policy.holdGlobs().forEach(g -> holdGlobs.add(PackageGlob.of(g)));
        PatchPolicy.REBOOT_PACKAGE_GLOBS.forEach(g -> rebootGlobs.add(PackageGlob.of(g)));
        this.approval = ApprovalRules.of(policy.approval());
    }

    public PatchPolicy policy() {
        return policy;
    }

    /**
     * @param name    a package dnf reported a security update for
     * @param updates all of that package's pending security updates (several advisories may fix it)
     * @return the policy's reason to hold it, or empty when the policy allows it
     */
    public Optional<String> holdReason(String name, Collection<SecurityUpdate> updates) {
        Optional<String> outsideCampaign = policy.campaign().holdReason(updates);
        if (outsideCampaign.isPresent()) {
            return outsideCampaign;
        }
        for (PackageGlob glob : holdGlobs) {
            if (glob.matches(name)) {
                return Optional.of("policy holds packages matching '" + glob + "'");
            }
        }
        if (policy.holdRebootPackages() && policy.reboot() == PatchPolicy.RebootMode.NEVER) {
            for (PackageGlob glob : rebootGlobs) {
                if (glob.matches(name)) {
                    return Optional.of("policy holds packages that need a reboot ('" + glob + "')");
                }
            }
        }
        Severity highest = highestSeverity(updates);
        if (!highest.meets(policy.minimumSeverity())) {
            return Optional.of("severity " + highest.label() + " is below the policy minimum "
                    + policy.minimumSeverity().label());
        }
        Optional<String> approvalHold = approval.holdReason(name, updates); // exceptions in force, then approve_after_days
        if (approvalHold.isPresent()) {
            return approvalHold;
        }
        for (HoldRule extra : extraHolds) {
            Optional<String> reason = extra.holdReason(name, updates);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    /** True when updating the package only takes effect after a reboot (whatever the policy says). */
    public boolean needsReboot(String name) {
        return rebootGlobs.stream().anyMatch(g -> g.matches(name)) || name.startsWith("kernel");
    }

    /** The most severe rating among the updates; UNKNOWN only when every one is unrated. */
    public static Severity highestSeverity(Collection<SecurityUpdate> updates) {
        Severity best = Severity.UNKNOWN;
        for (SecurityUpdate u : updates) {
            if (u.severity() != Severity.UNKNOWN && (best == Severity.UNKNOWN || u.severity().ordinal() < best.ordinal())) {
                best = u.severity();
            }
        }
        return best;
    }
}
