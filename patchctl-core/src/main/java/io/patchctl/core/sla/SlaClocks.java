package io.patchctl.core.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Starts and stops the clocks from each host's stored runs, oldest first. A CVE's clock stops at the
 * first run that no longer finds it pending after an earlier run did, or at the run that installed its
 * packages (see {@link FixReading}). A CVE pending again after a fix (a rollback) opens a new clock.
 * Runs that saw nothing (failed before discovery) neither start nor stop one.
 */
public final class SlaClocks {

    private final SlaTargets targets;
    private final Instant now;

    public SlaClocks(SlaTargets targets, Instant now) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.now = Objects.requireNonNull(now, "now");
    }

    public List<CveClock> compute(List<RunObservation> runs) {
        Map<String, List<RunObservation>> byHost = new TreeMap<>();
        runs.forEach(r -> byHost.computeIfAbsent(r.hostKey(), k -> new ArrayList<>()).add(r));
        List<CveClock> clocks = new ArrayList<>();
        byHost.values().forEach(history -> {
            history.sort(Comparator.comparing(RunObservation::timestamp));
            clocks.addAll(host(history));
        });
        return clocks;
    }

    private List<CveClock> host(List<RunObservation> history) {
        Map<String, Started> open = new LinkedHashMap<>();
        List<CveClock> done = new ArrayList<>();
        for (RunObservation run : history) {
            if (!run.observed()) {
                continue;
            }
            for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!FixReading.pending(e.getKey(), run)) {
                    done.add(e.getValue().stop(run.timestamp()));
                    it.remove();
                }
            }
            for (Exposure exposure : run.pending().values()) {
                Started s = open.computeIfAbsent(exposure.cve(), k -> new Started(run, exposure));
                s.merge(exposure);
                if (FixReading.fixedByThisRun(s.exposure, run)) {
                    done.add(s.stop(run.timestamp()));
                    open.remove(exposure.cve());
                }
            }
        }
        RunObservation latest = history.get(history.size() - 1);
        open.values().forEach(s -> done.add(s.stillOpen(latest)));
        return done;
    }

    /** "held: reason" / "failed: error" / "pending": why the latest run left the CVE open. */
    static String why(Exposure exposure, RunObservation latest) {
        for (String p : exposure.packages()) {
            if (latest.held().containsKey(p)) {
                String reason = latest.held().get(p);
                return "held: " + (reason.isBlank() ? p : p + " (" + reason + ")");
            }
        }
        if ("FAILED".equals(latest.status())) {
            String err = latest.error() == null ? "the run failed" : firstLine(latest.error());
            return "failed: " + err;
        }
        return "pending";
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private final class Started {
        private final String instanceId;
        private final String environment;
        private final Instant firstSeen;
        private Exposure exposure;

        Started(RunObservation run, Exposure first) {
            this.instanceId = run.instanceId();
            this.environment = run.environment();
            this.firstSeen = run.timestamp();
            this.exposure = first;
        }

        /** A later run may name more packages or an earlier date for the same CVE. */
        void merge(Exposure later) {
            if (later == exposure) {
                return;
            }
            var advisories = new java.util.LinkedHashSet<>(exposure.advisories());
            advisories.addAll(later.advisories());
            var packages = new java.util.LinkedHashSet<>(later.packages());
            LocalDate issued = exposure.issued() == null ? later.issued()
                    : later.issued() == null || exposure.issued().isBefore(later.issued()) ? exposure.issued() : later.issued();
            var severity = later.severity().ordinal() < exposure.severity().ordinal() ? later.severity() : exposure.severity();
            exposure = new Exposure(exposure.cve(), severity, issued, advisories, packages);
        }

        CveClock stop(Instant fixedAt) {
            return clock(fixedAt, "");
        }

        CveClock stillOpen(RunObservation latest) {
            return clock(null, why(exposure, latest));
        }

        private CveClock clock(Instant fixedAt, String why) {
            LocalDate start = exposure.issued() != null ? exposure.issued() : day(firstSeen);
            long days = Math.max(0, ChronoUnit.DAYS.between(start, day(fixedAt == null ? now : fixedAt)));
            return new CveClock(instanceId, environment, exposure.cve(), exposure.severity(), exposure.issued(), start,
                    firstSeen, fixedAt, days, targets.days(exposure.severity()), exposure.advisories(),
                    exposure.packages(), why);
        }
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
