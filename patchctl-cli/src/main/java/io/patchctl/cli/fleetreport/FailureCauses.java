package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.insights.Classification;
import io.patchctl.core.insights.DnfErrorClassifier;
import io.patchctl.core.insights.FailureSignature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's failures grouped by cause: 30 hosts that failed on the same repository outage are one
 * cause with 30 hosts. The signature is what the insights Lambda shares one analysis by: the dnf error
 * class and the error line ({@link DnfErrorClassifier}) normalised by {@link FailureSignature} (ids,
 * versions, numbers taken out), with the outcome; a failure without an error text is grouped by its
 * analysis' root cause.
 */
final class FailureCauses {

    /**
     * @param signature what the hosts share
     * @param outcome   failed or non-compliant
     * @param hosts     in fleet order
     */
    record Cause(String signature, HostOutcome outcome, List<HostResult> hosts) {

        /** The cause in words: the first analysis' root cause, else the first error line, else the outcome. */
        String title() {
            for (HostResult h : hosts) {
                if (h.insight() != null && !h.insight().rootCause().isBlank()) {
                    return h.insight().rootCause();
                }
            }
            String line = errorLine(hosts.get(0));
            return line.isEmpty() ? (outcome == HostOutcome.NON_COMPLIANT ? "Allowed updates remain" : outcome.label()) : line;
        }

        /** The first host with an analysis (the analysis shown for the whole cause), or null. */
        HostResult analysed() {
            return hosts.stream().filter(h -> h.insight() != null).findFirst().orElse(null);
        }

        /** The first host with an error text, or null. */
        HostResult withError() {
            return hosts.stream().filter(h -> h.error() != null && !h.error().isBlank()).findFirst().orElse(null);
        }
    }

    private FailureCauses() {
    }

    /** Causes with most hosts first (then in order of their first host). */
    static List<Cause> of(FleetReport report) {
        Map<String, List<HostResult>> groups = new LinkedHashMap<>();
        Map<String, HostOutcome> outcome = new LinkedHashMap<>();
        for (HostResult f : report.failures()) {
            String sig = signature(f);
            groups.computeIfAbsent(sig, k -> new ArrayList<>()).add(f);
            outcome.putIfAbsent(sig, f.outcome());
        }
        List<Cause> causes = new ArrayList<>();
        groups.forEach((sig, hosts) -> causes.add(new Cause(sig, outcome.get(sig), hosts)));
        causes.sort(Comparator.comparingInt((Cause c) -> c.hosts().size()).reversed());
        return causes;
    }

    static String signature(HostResult f) {
        String line = errorLine(f);
        if (!line.isEmpty()) {
            Classification c = DnfErrorClassifier.classify(f.error(), f.outcome().name());
            return f.outcome().name() + "\n" + c.errorClass() + "\n" + FailureSignature.normalize(line);
        }
        String rootCause = f.insight() == null ? "" : f.insight().rootCause().strip();
        return f.outcome().name() + "\n" + (rootCause.isEmpty() ? "" : "analysis: " + rootCause);
    }

    /** The line of the host's error that says what went wrong (dnf's cause under its header), or "". */
    static String errorLine(HostResult f) {
        if (f.error() == null || f.error().isBlank()) {
            return "";
        }
        String line = DnfErrorClassifier.classify(f.error(), f.outcome().name()).errorLine();
        return line == null || line.isBlank()
                ? f.error().strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("")
                : line.strip();
    }
}
