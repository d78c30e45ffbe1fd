package io.patchctl.core.verify;

import java.util.Objects;

/**
 * One package of an advisory after the run.
 *
 * @param installedEvr the newest installed {@code [epoch:]version-release} the verification read (null: not installed)
 * @param why          null when FIXED
 * @param detail       the evidence: the hold's reason, dnf's error, "installed X, running Y"
 */
public record PackageFix(String name, String arch, String fixedEvr, String installedEvr, FixStatus status,
                         NotFixedReason why, String detail) {
    public PackageFix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }
}
