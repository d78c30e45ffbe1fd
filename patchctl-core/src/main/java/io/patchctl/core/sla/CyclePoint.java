package io.patchctl.core.sla;

import java.time.Instant;

/**
 * Open exposure at the end of one cycle (a burst of runs; see {@link SlaReport#CYCLE_GAP}).
 *
 * @param end               the last run of the cycle
 * @param runs              runs in the cycle
 * @param openCritical      open (host, CVE) clocks of Critical severity at the end of the cycle
 * @param openImportant     likewise Important
 * @param distinctCritical  distinct Critical CVE ids open somewhere in the fleet
 * @param distinctImportant likewise Important
 */
public record CyclePoint(Instant end, int runs, int openCritical, int openImportant, int distinctCritical,
                         int distinctImportant) {
}
