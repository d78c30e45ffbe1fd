package io.patchctl.core.sla;

import io.patchctl.core.advisory.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Time to patch against the SLA over a fleet's whole stored history: per severity the median and 90th
 * percentile days to fix and the share of hosts within target, the overdue clocks, and open
 * Critical/Important exposure after each cycle.
 *
 * @param targets the SLA in force
 * @param now     the instant open clocks are measured to
 * @param runs    stored runs read
 * @param clocks  every clock, per host and CVE
 * @param cycles  open Critical/Important exposure at the end of each cycle, oldest first
 */
public record SlaReport(SlaTargets targets, Instant now, int runs, List<CveClock> clocks, List<CyclePoint> cycles) {

    /** Runs further apart than this belong to different cycles (a Run Command wave lasts minutes, cycles are days apart). */
    public static final Duration CYCLE_GAP = Duration.ofHours(6);
    /** The four rated severities and UNKNOWN, in the order pages show them. */
    public static final List<Severity> SEVERITIES = List.of(Severity.values());

    public SlaReport {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(now, "now");
        clocks = List.copyOf(clocks);
        cycles = cycles == null ? List.of() : List.copyOf(cycles);
    }

    /** Clocks computed from stored runs. */
    public static SlaReport of(SlaTargets targets, Instant now, List<RunObservation> runs) {
        List<CveClock> clocks = new SlaClocks(targets, now).compute(runs);
        return new SlaReport(targets, now, runs.size(), clocks, cycles(runs, clocks));
    }

    /** Runs grouped into cycles by {@link #CYCLE_GAP}; the exposure open at each cycle's last run. */
    static List<CyclePoint> cycles(List<RunObservation> runs, List<CveClock> clocks) {
        List<Instant> times = runs.stream().filter(RunObservation::observed).map(RunObservation::timestamp).sorted().toList();
        List<CyclePoint> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= times.size(); i++) {
            if (i == times.size() || Duration.between(times.get(i - 1), times.get(i)).compareTo(CYCLE_GAP) > 0) {
                out.add(point(times.get(i - 1), i - start, clocks));
                start = i;
            }
        }
        return out;
    }

    private static CyclePoint point(Instant end, int runs, List<CveClock> clocks) {
        int crit = 0;
        int imp = 0;
        Set<String> critIds = new HashSet<>();
        Set<String> impIds = new HashSet<>();
        for (CveClock c : clocks) {
            if (!c.openAt(end)) {
                continue;
            }
            if (c.severity() == Severity.CRITICAL) {
                crit++;
                critIds.add(c.cve());
            } else if (c.severity() == Severity.IMPORTANT) {
                imp++;
                impIds.add(c.cve());
            }
        }
        return new CyclePoint(end, runs, crit, imp, critIds.size(), impIds.size());
    }

    /** Figures per severity, most severe first; a severity without clocks is left out. */
    public Map<Severity, SeverityFigures> figures() {
        Map<Severity, SeverityFigures> out = new EnumMap<>(Severity.class);
        for (Severity s : SEVERITIES) {
            List<CveClock> of = clocks.stream().filter(c -> c.severity() == s).toList();
            if (of.isEmpty()) {
                continue;
            }
            List<Long> fixedDays = of.stream().filter(c -> !c.open()).map(CveClock::days).sorted().toList();
            Map<String, Boolean> hostWithin = new HashMap<>();
            of.forEach(c -> hostWithin.merge(c.environment() + "/" + c.instanceId(), c.withinSla(), Boolean::logicalAnd));
            out.put(s, new SeverityFigures(s, targets.days(s), fixedDays.size(), (int) of.stream().filter(CveClock::open).count(),
                    (int) of.stream().filter(CveClock::overdue).count(),
                    (int) of.stream().filter(c -> !c.open() && !c.withinSla()).count(),
                    percentile(fixedDays, 50), percentile(fixedDays, 90), hostWithin.size(),
                    (int) hostWithin.values().stream().filter(b -> b).count()));
        }
        return out;
    }

    /** Open clocks past their target, most severe then longest open first. */
    public List<CveClock> overdue() {
        return clocks.stream().filter(CveClock::overdue)
                .sorted(Comparator.comparing(CveClock::severity).thenComparing(CveClock::days, Comparator.reverseOrder())
                        .thenComparing(CveClock::cve).thenComparing(CveClock::instanceId))
                .toList();
    }

    /** Nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
