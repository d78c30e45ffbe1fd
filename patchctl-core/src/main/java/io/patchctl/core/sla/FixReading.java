package io.patchctl.core.sla;

import java.util.HashSet;
import java.util.Set;

/**
 * The one place that decides, from a stored run, whether a CVE was fixed on its host. Today it reads
 * what every RunReport has: {@code discovered} (still pending?), {@code apply.installed} and
 * {@code verification} (installed by this run and not found pending after it).
 *
 * <p>When RunReports carry a per-CVE fix status (issue 15 §1, verified against the fixed EVR by
 * {@code rpm -q}), prefer it here, in {@link #fixedByThisRun}: nothing else in the SLA clocks reads
 * install evidence.
 */
final class FixReading {

    private FixReading() {
    }

    /** Discovery of this run still lists the CVE. */
    static boolean pending(String cve, RunObservation run) {
        return run.pending().containsKey(cve);
    }

    /** Every package that fixes the CVE was installed by this run and verification did not find it pending afterwards. */
    static boolean fixedByThisRun(Exposure exposure, RunObservation run) {
        if (run.installed().isEmpty()) {
            return false;
        }
        Set<String> installedNames = new HashSet<>();
        run.installed().forEach(nevra -> installedNames.add(name(nevra)));
        return exposure.packages().stream()
                .allMatch(p -> installedNames.contains(p) && !run.remaining().contains(p));
    }

    /** "openssl-libs" from "openssl-libs-1:1.1.1k-2.el8.x86_64": the arch, then release and version, cut off. */
    static String name(String nevra) {
        String t = nevra.strip();
        int dot = t.lastIndexOf('.');
        if (dot > 0 && !t.substring(dot + 1).isEmpty() && !Character.isDigit(t.charAt(dot + 1))) {
            t = t.substring(0, dot); // .x86_64, .noarch: an arch never starts with a digit, a release part may (el9.2)
        }
        for (int i = 0; i < 2; i++) {
            int dash = t.lastIndexOf('-');
            if (dash <= 0) {
                return t;
            }
            t = t.substring(0, dash);
        }
        return t;
    }
}
