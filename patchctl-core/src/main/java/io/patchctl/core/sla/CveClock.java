package io.patchctl.core.sla;

import io.patchctl.core.advisory.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * One CVE on one host: from the advisory's date to the run that fixed it, or still open.
 *
 * @param instanceId  the host
 * @param environment its environment
 * @param cve         CVE id (or advisory id when the advisory lists none)
 * @param severity    most severe rating of its advisories
 * @param issued      the advisory date the clock starts from; null when no report carried one
 * @param clockStart  issued, or (when unknown) the date the CVE was first seen pending on the host
 * @param firstSeen   the first stored run that found it pending
 * @param fixedAt     the run that fixed it, or null while open
 * @param days        days from clockStart to fixedAt, or to the report's "now" while open
 * @param slaDays     the target for its severity
 * @param advisories  advisory ids
 * @param packages    packages whose update fixes it
 * @param why         for an open clock: "held: reason", "failed: error" or "pending" (from the latest run); "" once fixed
 */
public record CveClock(String instanceId, String environment, String cve, Severity severity, LocalDate issued,
                       LocalDate clockStart, Instant firstSeen, Instant fixedAt, long days, int slaDays,
                       Set<String> advisories, Set<String> packages, String why) {

    public boolean open() {
        return fixedAt == null;
    }

    public boolean withinSla() {
        return days <= slaDays;
    }

    /** Open and past its target. */
    public boolean overdue() {
        return open() && !withinSla();
    }

    /** Open at the instant: seen by then and not yet fixed. */
    public boolean openAt(Instant t) {
        return !firstSeen.isAfter(t) && (fixedAt == null || fixedAt.isAfter(t));
    }
}
