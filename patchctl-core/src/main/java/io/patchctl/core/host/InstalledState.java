package io.patchctl.core.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the verification after an upgrade read from the package database in one query.
 *
 * @param pending   package names with a pending security update (as {@link PackageManager#pendingSecurityPackages()})
 * @param installed package name (and {@code name.arch}) to every installed {@code [epoch:]version-release}, newest
 *                  first (several for install-only kernels); empty when the package manager did not read them
 */
public record InstalledState(Set<String> pending, Map<String, List<String>> installed) {
    public InstalledState {
        pending = Set.copyOf(pending);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        installed.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        installed = Map.copyOf(copy);
    }

    /** True when installed EVRs were read, so fixes can be checked package by package. */
    public boolean knowsVersions() {
        return !installed.isEmpty();
    }
}
