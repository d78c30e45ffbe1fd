package io.patchctl.core.advisory;

import java.time.LocalDate;
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
 * @param issued       the advisory's date, or null when discovery did not say. dnf 4 prints only
 *                     {@code Updated:} in {@code updateinfo info} (libsolv keeps the later of the
 *                     advisory's issued and updated dates); dnf 5 prints {@code Issued:}, preferred then.
 *                     Approval age and SLA clocks count from it.
 */
public record SecurityUpdate(
        String advisoryId,
        Severity severity,
        List<String> cves,
        String name,
        String arch,
        String installedEvr,
        String availableEvr,
        LocalDate issued) {

    /** An update whose advisory date discovery did not report. */
    public SecurityUpdate(String advisoryId, Severity severity, List<String> cves, String name, String arch,
                          String installedEvr, String availableEvr) {
        this(advisoryId, severity, cves, name, arch, installedEvr, availableEvr, null);
    }

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
