package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.internal.hash.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SHA-256 of what decides a plan: the sorted update set (name, arch, installed and available EVR,
 * advisory), the policy (with what its approval age and exceptions hold on the run's date), the model id
 * and the prompt version. Hosts with equal fingerprints can
 * share one plan; any difference (one more update, another policy, a new prompt) gives a new one.
 * Order of discovery does not matter; fields are length-prefixed so no two sets collide by concatenation.
 */
public final class PlanFingerprint {

    private PlanFingerprint() {
    }

    public static String of(List<SecurityUpdate> updates, PatchPolicy policy, String modelId, String promptVersion) {
        Objects.requireNonNull(policy, "policy");
        List<String> rows = new ArrayList<>();
        for (SecurityUpdate u : updates) {
            rows.add(fields(u.name(), u.arch(), u.installedEvr(), u.availableEvr(), u.advisoryId()));
        }
        rows.sort(null);
        StringBuilder canonical = new StringBuilder("patchctl-plan-fingerprint/v1\n");
        canonical.append("updates ").append(rows.size()).append('\n');
        rows.forEach(r -> canonical.append(r).append('\n'));
        List<String> globs = new ArrayList<>(policy.holdGlobs());
        globs.sort(null);
        canonical.append("policy ").append(fields(String.join(",", globs), policy.minimumSeverity().name(),
                String.valueOf(policy.holdRebootPackages()), String.valueOf(policy.maxPackages()))).append('\n');
        // what approve_after_days and the exceptions hold today, not the date itself: the fingerprint changes on
        // the day an update becomes approvable or an exception lapses, and stays put on the days between
        canonical.append(io.patchctl.core.plan.approval.ApprovalRules.of(policy.approval()).fingerprint(updates));
        if (policy.reboot() != PatchPolicy.RebootMode.NEVER) {
            // only then: fingerprints of policies without the reboot key stay what they were
            canonical.append("reboot ").append(fields(policy.reboot().label())).append('\n');
        }
        if (policy.campaign().active()) {
            // only in a campaign, so fingerprints (and shared plans) of ordinary runs stay as they were
            canonical.append("campaign ").append(fields(String.join(",", sorted(policy.campaign().cves())),
                    String.join(",", sorted(policy.campaign().advisories())))).append('\n');
        }
        canonical.append("model ").append(fields(String.valueOf(modelId), String.valueOf(promptVersion))).append('\n');
        return Sha256.hex(canonical.toString());
    }

    private static List<String> sorted(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        copy.sort(null);
        return copy;
    }

    private static String fields(String... values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(v.length()).append(':').append(v).append(';');
        }
        return sb.toString();
    }
}
