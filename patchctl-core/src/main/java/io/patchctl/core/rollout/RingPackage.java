package io.patchctl.core.rollout;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One package build a ring installed: name, arch and the EVR, with the advisory that offered it.
 * Two entries are the same build when {@link #build()} is equal (the advisory is information).
 */
public record RingPackage(String name, String arch, String evr, String advisoryId, Severity severity, List<String> cves) {

    public RingPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(evr, "evr");
        arch = arch == null ? "" : arch;
        advisoryId = advisoryId == null ? "" : advisoryId;
        severity = severity == null ? Severity.UNKNOWN : severity;
        cves = cves == null ? List.of() : List.copyOf(cves);
    }

    public static RingPackage of(SecurityUpdate u) {
        return new RingPackage(u.name(), u.arch(), u.availableEvr(), u.advisoryId(), u.severity(), u.cves());
    }

    /** {@code name-[epoch:]version-release.arch}: what dnf is asked to install in a later ring. */
    public String build() {
        return name + "-" + evr + (arch.isEmpty() ? "" : "." + arch);
    }

    /** Whether a discovered update offers exactly this build. */
    public boolean matches(SecurityUpdate u) {
        return u.name().equals(name) && u.availableEvr().equals(evr) && (arch.isEmpty() || u.arch().equals(arch));
    }
}
