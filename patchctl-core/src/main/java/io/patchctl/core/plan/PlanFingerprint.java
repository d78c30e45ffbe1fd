package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * SHA-256 of what decides a plan: the sorted update set (name, arch, installed and available EVR,
 * advisory), the policy, the model id and the prompt version. Hosts with equal fingerprints can
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
        canonical.append("model ").append(fields(String.valueOf(modelId), String.valueOf(promptVersion))).append('\n');
        return sha256(canonical.toString());
    }

    private static String fields(String... values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(v.length()).append(':').append(v).append(';');
        }
        return sb.toString();
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
