package io.patchctl.core.sla;

import io.patchctl.core.advisory.Severity;

/**
 * The SLA figures of one severity.
 *
 * @param severity      the severity
 * @param slaDays       its target
 * @param fixed         clocks stopped (CVE × host)
 * @param open          clocks still running
 * @param overdue       open clocks past the target
 * @param fixedLate     fixed, but after the target
 * @param medianDays    median days to fix over the fixed clocks, null when none was fixed
 * @param p90Days       90th percentile (nearest rank) of days to fix, null when none was fixed
 * @param hosts         hosts with at least one clock of this severity
 * @param hostsWithin   of those, hosts whose every clock of this severity is (or was fixed) within the target
 */
public record SeverityFigures(Severity severity, int slaDays, int fixed, int open, int overdue, int fixedLate,
                              Long medianDays, Long p90Days, int hosts, int hostsWithin) {

    /** Share of hosts within SLA, 0..1; 1 when no host had a clock of this severity. */
    public double shareWithin() {
        return hosts == 0 ? 1.0 : (double) hostsWithin / hosts;
    }
}
