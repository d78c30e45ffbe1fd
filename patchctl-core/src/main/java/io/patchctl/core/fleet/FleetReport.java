package io.patchctl.core.fleet;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.sla.SlaReport;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fleet after one patch cycle: every host's result and the figures people look at first.
 *
 * @param generatedAt when the report was made
 * @param source      where the reports came from ("simulate", "s3://bucket", a directory)
 * @param environment the environment shown in the title (may be empty when mixed)
 * @param cycle       how a simulated cycle ran, or null for stored reports
 * @param hosts       one entry per host, in fleet order
 * @param problems    stored objects that could not be read (key: reason); shown, never hidden
 * @param sla         SLA clocks over the stored history, or null when not computed (simulate's single cycle)
 */
public record FleetReport(Instant generatedAt, String source, String environment, CycleInfo cycle,
                          List<HostResult> hosts, List<String> problems, SlaReport sla) {

    /** A report without SLA clocks. */
    public FleetReport(Instant generatedAt, String source, String environment, CycleInfo cycle,
                       List<HostResult> hosts, List<String> problems) {
        this(generatedAt, source, environment, cycle, hosts, problems, null);
    }

    public FleetReport withSla(SlaReport value) {
        return new FleetReport(generatedAt, source, environment, cycle, hosts, problems, value);
    }

    public static final String SCHEMA = "patchctl.fleet-report/v1";

    public FleetReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        source = source == null ? "" : source;
        environment = environment == null ? "" : environment;
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** Hosts per outcome, every outcome present (0 when none). */
    public Map<HostOutcome, Integer> outcomes() {
        Map<HostOutcome, Integer> counts = new EnumMap<>(HostOutcome.class);
        for (HostOutcome o : HostOutcome.values()) {
            counts.put(o, 0);
        }
        hosts.forEach(h -> counts.merge(h.outcome(), 1, Integer::sum));
        return counts;
    }

    /** Distinct advisories seen across the fleet, per severity (most severe first, every severity present). */
    public Map<Severity, Integer> advisoriesBySeverity() {
        Map<Severity, Set<String>> ids = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            ids.put(s, new HashSet<>());
        }
        hosts.forEach(h -> h.discovered().forEach(u -> ids.get(u.severity()).add(u.advisoryId())));
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        ids.forEach((s, set) -> counts.put(s, set.size()));
        return counts;
    }

    /** Pending updates summed over hosts (a package on 5 hosts counts 5), per severity. */
    public Map<Severity, Integer> hostUpdatesBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        hosts.forEach(h -> h.discovered().forEach(u -> counts.merge(u.severity(), 1, Integer::sum)));
        return counts;
    }

    /** Hosts per advisor label ("Rules", "Bedrock", "Bedrock [cache]"), sorted by label. */
    public Map<String, Integer> advisors() {
        Map<String, Integer> counts = new TreeMap<>();
        hosts.stream().filter(h -> h.outcome() != HostOutcome.NOT_STARTED)
                .forEach(h -> counts.merge(h.advisorLabel(), 1, Integer::sum));
        return counts;
    }

    public int installedCount() {
        return hosts.stream().mapToInt(h -> h.installed().size()).sum();
    }

    public int heldCount() {
        return hosts.stream().mapToInt(h -> h.held().size()).sum();
    }

    public int rejectedCount() {
        return hosts.stream().mapToInt(h -> h.rejected().size()).sum();
    }

    /** Hosts that did not end compliant and did run: the ones people must look at. */
    public List<HostResult> failures() {
        return hosts.stream().filter(h -> h.outcome() == HostOutcome.FAILED || h.outcome() == HostOutcome.NON_COMPLIANT)
                .toList();
    }

    public long insightCount() {
        return hosts.stream().filter(h -> h.insight() != null).count();
    }

    /** Policy exceptions the hosts' runs reported, one per entry: lapsing, then lapsed, then active. */
    public List<FleetException> exceptions() {
        return FleetException.of(hosts);
    }

    /** Hosts that ran (were not skipped by max-errors). */
    public int hostsRun() {
        return (int) hosts.stream().filter(h -> h.outcome() != HostOutcome.NOT_STARTED).count();
    }
}
