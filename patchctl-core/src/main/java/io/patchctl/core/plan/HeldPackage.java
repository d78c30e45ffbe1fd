package io.patchctl.core.plan;

import java.util.Objects;

/** A package an advisor or the policy chose not to update this run, and why. */
public record HeldPackage(String packageName, String reason) {
    public HeldPackage {
        Objects.requireNonNull(packageName, "packageName");
        reason = reason == null ? "" : reason;
    }
}
