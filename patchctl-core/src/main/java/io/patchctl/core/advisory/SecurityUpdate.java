package io.patchctl.core.advisory;

import java.util.List;
import java.util.Objects;

/**
 * One pending security update for one installed package, as discovery (dnf) reported it.
 *
 * @param advisoryId   RHSA-2021:1024 (or FEDORA-…, ALSA-…: any id dnf prints)
 * @param severity     the advisory's severity
 * @param cves         CVE ids the advisory lists, possibly empty
 * @param name         RPM package name, e.g. openssl-libs
 * @param arch         x86_64, noarch, …
 * @param installedEvr currently installed [epoch:]version-release, e.g. 1:1.1.1k-1.el8
 * @param availableEvr [epoch:]version-release the update brings
 */
public record SecurityUpdate(
        String advisoryId,
        Severity severity,
        List<String> cves,
        String name,
        String arch,
        String installedEvr,
        String availableEvr) {

    public SecurityUpdate {
        Objects.requireNonNull(advisoryId, "advisoryId");
        Objects.requireNonNull(name, "name");
        severity = severity == null ? Severity.UNKNOWN : severity;
        cves = cves == null ? List.of() : List.copyOf(cves);
        arch = arch == null ? "" : arch;
        installedEvr = installedEvr == null ? "" : installedEvr;
        availableEvr = availableEvr == null ? "" : availableEvr;
    }

    /** name-[epoch:]version-release.arch of the available package. */
    public String availableNevra() {
        return name + "-" + availableEvr + (arch.isEmpty() ? "" : "." + arch);
    }
}
