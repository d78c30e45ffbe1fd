package io.patchctl.cli.simulate;

import io.patchctl.core.internal.io.FileTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.fleet.CycleInfo;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.fleet.Insight;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One patch cycle on a lab fleet, end to end as in production: hosts patched by the agent under
 * SSM-like rate controls, each failure turned into the EventBridge event AWS sends and handed to the
 * insights code, every report stored in the report store's layout, then the fleet report.
 */
public final class Simulation {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    /** Run Command keeps a shell script's output under this suffix of the command-output prefix. */
    static final String STDOUT_SUFFIX = "awsrunShellScript/0.awsrunShellScript/stdout";
    static final String STDERR_SUFFIX = "awsrunShellScript/0.awsrunShellScript/stderr";

    /**
     * @param hosts        fleet size
     * @param concurrency  SSM MaxConcurrency ("4" or "50%")
     * @param maxErrors    SSM MaxErrors ("0", "2" or "25%")
     * @param environment  dev, prod, …
     * @param advisor      advisor named in the report (rules or bedrock)
     * @param account      12-digit account id the events carry
     * @param region       region the events carry
     * @param documentName SSM document name the events carry
     * @param hostsDir     where the hosts' installroots are created (deleted afterwards unless keepHosts)
     * @param keepHosts    keep the installroots for inspection
     */
    public record Settings(int hosts, String concurrency, String maxErrors, String environment, String advisor,
                           String account, String region, String documentName, Path hostsDir, boolean keepHosts) {
        public Settings {
            if (hosts < 1) {
                throw new IllegalArgumentException("--hosts must be at least 1, was " + hosts);
            }
            ReportKeys.segment(environment);
            Objects.requireNonNull(hostsDir, "hostsDir");
        }
    }

    /**
     * @param report      the fleet report of this cycle
     * @param invocations one per host, in fleet order
     * @param events      the EventBridge events synthesized for failed hosts, by instance id
     * @param unstored    reports that could not be stored (the store failed): the command exits 5
     */
    public record Result(FleetReport report, List<Invocation<HostRun>> invocations, Map<String, ObjectNode> events,
                         int unstored) {
    }

    private final Lab lab;
    private final HostAgent agent;
    private final FailureAnalyzer analyzer;
    private final ReportStore store;
    private final Clock clock;

    public Simulation(Lab lab, HostAgent agent, FailureAnalyzer analyzer, ReportStore store, Clock clock) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result run(Settings s, FleetScheduler.Listener<HostRun> listener) {
        return run(s, 0, listener);
    }

    /** The cycle of hosts {@code firstIndex} .. {@code firstIndex + s.hosts() - 1} of the fleet (one ring's block). */
    public Result run(Settings s, int firstIndex, FleetScheduler.Listener<HostRun> listener) {
        long startNanos = System.nanoTime();
        RateControl rate = RateControl.parse(s.concurrency(), s.maxErrors(), s.hosts());
        CommandInvocationEvent eventFactory = new CommandInvocationEvent(s.account(), s.region(), s.documentName());
        String commandId = UUID.randomUUID().toString();
        Instant requestedAt = clock.instant();
        Map<String, SimulatedHost> fleet = new LinkedHashMap<>();
        for (int i = 0; i < s.hosts(); i++) {
            SimulatedHost h = SimulatedHost.of(firstIndex + i);
            fleet.put(h.instanceId(), h);
        }
        Path hostsDir = s.hostsDir().toAbsolutePath().resolve("cycle-" + commandId.substring(0, 8));
        List<Invocation<HostRun>> invocations;
        try {
            invocations = new FleetScheduler(clock).run(List.copyOf(fleet.keySet()), rate,
                    target -> runHost(fleet.get(target), hostsDir, s, commandId), HostRun::failed, listener);
        } finally {
            if (!s.keepHosts()) {
                deleteQuietly(hostsDir);
            }
        }

        List<String> problems = new ArrayList<>();
        int[] unstored = {0};
        Map<String, ObjectNode> events = new LinkedHashMap<>();
        List<HostResult> hosts = new ArrayList<>();
        for (Invocation<HostRun> inv : invocations) {
            HostResult result = hostResult(inv, s, rate).withSchedule(inv.startedAt(), inv.finishedAt());
            if (inv.failed()) {
                ObjectNode event = eventFactory.build(UUID.randomUUID(), inv.target(), commandId,
                        CommandInvocationEvent.Status.Failed, requestedAt, inv.finishedAt());
                events.put(inv.target(), event);
                result = analyse(event, result, problems, unstored);
            }
            hosts.add(result);
        }
        long wallMillis = (System.nanoTime() - startNanos) / 1_000_000;
        boolean stoppedEarly = invocations.stream().anyMatch(i -> i.status() == InvocationStatus.NOT_STARTED);
        CycleInfo cycle = new CycleInfo(commandId, s.hosts(), rate.maxConcurrency(), rate.maxErrors(), stoppedEarly,
                wallMillis, s.advisor(), distinctUpdateSets(hosts), modelCalls(hosts), store.describe());
        FleetReport report = new FleetReport(clock.instant(), "simulate → " + store.describe(), s.environment(), cycle,
                hosts, problems);
        for (Invocation<HostRun> inv : invocations) {
            if (inv.result() != null && inv.result().result().exitCode() == 5) {
                unstored[0]++; // the agent spooled its RunReport: the store refused it
            }
        }
        return new Result(report, invocations, events, unstored[0]);
    }

    private HostRun runHost(SimulatedHost host, Path hostsDir, Settings s, String commandId) throws Exception {
        Path dir = hostsDir.resolve(host.instanceId());
        HostSpec spec = host.profile().hostSpec().distro(host.profile().distro());
        LabHost labHost = host.profile().reachable() ? lab.newHost(dir, spec) : lab.newUnreachableHost(dir, spec);
        AgentResult result = agent.run(host, labHost, s.environment(), store);
        storeCommandOutput(s.environment(), commandId, host.instanceId(), result);
        return new HostRun(host, result);
    }

    /** What SSM keeps of a Run Command invocation (stdout = the RunReport, stderr = diagnostics), for the insights context. */
    private void storeCommandOutput(String env, String commandId, String instanceId, AgentResult result) {
        String prefix = ReportKeys.commandOutputPrefix(env, commandId, instanceId);
        String stdout = result.runReport() == null ? "" : Json.pretty(result.runReport());
        store.put(prefix + STDOUT_SUFFIX, stdout.getBytes(StandardCharsets.UTF_8));
        if (!result.stderr().isEmpty()) {
            store.put(prefix + STDERR_SUFFIX, result.stderr().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static HostResult hostResult(Invocation<HostRun> inv, Settings s, RateControl rate) {
        if (inv.status() == InvocationStatus.NOT_STARTED) {
            return HostResult.withoutRun(inv.target(), s.environment(), HostOutcome.NOT_STARTED,
                    "Not started: more than " + rate.maxErrors() + " host(s) had failed (max errors).");
        }
        HostRun run = inv.result();
        if (run == null) {
            return HostResult.withoutRun(inv.target(), s.environment(), HostOutcome.FAILED,
                    "the agent could not run: " + inv.error());
        }
        JsonNode report = run.result().runReport();
        if (report == null) {
            return HostResult.withoutRun(inv.target(), s.environment(), HostOutcome.FAILED,
                    "the agent exited " + run.result().exitCode() + " without a RunReport: " + run.result().stderr());
        }
        return HostResult.fromRunReport(run.result().runReportKey(), report);
    }

    private HostResult analyse(ObjectNode event, HostResult host, List<String> problems, int[] unstored) {
        try {
            Optional<FailureAnalyzer.StoredInsight> insight = analyzer.analyze(Json.bytes(event));
            if (insight.isEmpty()) {
                problems.add(host.instanceId() + ": the insights code skipped the failure event");
                return host;
            }
            return host.withInsight(Insight.fromJson(insight.get().key(), insight.get().report()));
        } catch (StoreUnavailableException e) {
            // the event itself is kept in the fleet report's events/ directory; the command exits 5
            LOG.warn("insight report not stored instance={} error={}", host.instanceId(), e.toString());
            problems.add(host.instanceId() + ": the failure analysis could not be stored: " + e.getMessage());
            unstored[0]++;
            return host;
        } catch (RuntimeException e) {
            LOG.warn("failure analysis failed instance={} error={}", host.instanceId(), e.toString());
            problems.add(host.instanceId() + ": failure analysis failed: " + e.getMessage());
            return host;
        }
    }

    /** Different pending-update sets among hosts whose discovery worked. */
    static int distinctUpdateSets(List<HostResult> hosts) {
        Set<Set<String>> sets = new HashSet<>();
        for (HostResult h : hosts) {
            if (h.outcome() == HostOutcome.NOT_STARTED || (h.outcome() == HostOutcome.FAILED && h.discovered().isEmpty())) {
                continue;
            }
            sets.add(h.discovered().stream().map(u -> u.packageName() + "-" + u.availableEvr())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return sets.size();
    }

    /** Plans that cost a model call: a Bedrock advisor that did not hit the plan cache. */
    static long modelCalls(List<HostResult> hosts) {
        return hosts.stream().filter(h -> "bedrock".equals(h.advisorKind()) && !"hit".equals(h.planCache())).count();
    }

    private static void deleteQuietly(Path root) {
        String problem = FileTrees.deleteQuietly(root);
        if (problem != null) {
            LOG.warn("cannot delete lab hosts dir={} error={}", root, problem);
        }
    }
}
