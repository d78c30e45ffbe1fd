package io.patchctl.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A package an advisor or the policy chose not to update this run, and why.
 *
 * @param kind who held it (null in an advisor's raw plan and in old reports; then not written)
 */
public record HeldPackage(String packageName, String reason, @JsonInclude(JsonInclude.Include.NON_NULL) HoldKind kind) {
    public HeldPackage {
        Objects.requireNonNull(packageName, "packageName");
        reason = reason == null ? "" : reason;
    }

    /** A hold as an advisor states it: no kind. */
    public HeldPackage(String packageName, String reason) {
        this(packageName, reason, null);
    }
}
