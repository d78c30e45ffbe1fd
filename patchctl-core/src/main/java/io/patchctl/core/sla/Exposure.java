package io.patchctl.core.sla;

import io.patchctl.core.advisory.Severity;
import java.time.LocalDate;
import java.util.Set;

/**
 * One CVE pending on one host in one run: the advisories and packages that fix it.
 *
 * @param cve        CVE id, or the advisory id when the advisory lists no CVE (so nothing goes unclocked)
 * @param severity   the most severe rating among its advisories
 * @param issued     the earliest advisory date, null when discovery did not report one
 * @param advisories advisory ids
 * @param packages   RPM names whose update fixes it
 */
public record Exposure(String cve, Severity severity, LocalDate issued, Set<String> advisories, Set<String> packages) {
    public Exposure {
        advisories = Set.copyOf(advisories);
        packages = Set.copyOf(packages);
    }
}
