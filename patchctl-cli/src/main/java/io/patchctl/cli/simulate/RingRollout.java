package io.patchctl.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.fleet.CycleInfo;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.rollout.NoSuccessfulRunException;
import io.patchctl.core.rollout.Promotion;
import io.patchctl.core.rollout.PromotionRequest;
import io.patchctl.core.rollout.PromotionResult;
import io.patchctl.core.rollout.RingApproval;
import io.patchctl.core.rollout.RingGate;
import io.patchctl.core.rollout.RingRecords;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.lab.Lab;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code simulate --rings dev,staging,prod}: the fleet split into contiguous blocks, one per ring in
 * order, each block a {@link Simulation} cycle of its own. The first ring runs open on the first lab;
 * before each later ring the simulation runs the {@link Promotion} {@code patchctl promote} runs, from
 * the previous ring, on a simulated clock {@code soakDays} later, and the ring's hosts run gated on the
 * approval it wrote, on the later lab (which offers a build no ring proved). Nothing waits real days:
 * ring {@code i} runs on the base clock plus {@code i × soakDays}, and its reports and success records
 * carry that time.
 */
public final class RingRollout {

    /** Where a ring's hosts come from: the agent wired with that ring. */
    @FunctionalInterface
    public interface Agents {
        HostAgent forRing(SimulatedRing ring);
    }

    /**
     * One ring's part of the rollout.
     *
     * @param from       the ring it was promoted from, null for the first
     * @param firstIndex its block's first host index in the fleet
     * @param promotion  what the promotion before it did ("v1 written, 5 build(s)"), "-" for the first ring
     * @param approval   the approval its gate enforced, empty for the first ring or when none was written
     */
    public record RingOutcome(String ring, String from, int firstIndex, Simulation.Result result, String promotion,
                              Optional<RingApproval> approval) {
    }

    /** Every ring, and all of them as one cycle (one fleet report). */
    public record Outcome(List<RingOutcome> rings, Simulation.Result combined) {
    }

    private final Lab first;
    private final Lab later;
    private final Agents agents;
    private final FailureAnalyzer analyzer;
    private final ReportStore store;
    private final Clock clock;

    public RingRollout(Lab first, Lab later, Agents agents, FailureAnalyzer analyzer, ReportStore store, Clock clock) {
        this.first = Objects.requireNonNull(first, "first");
        this.later = Objects.requireNonNull(later, "later");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Host counts per ring: contiguous blocks in order, sizes differing by at most one, later rings the larger. */
    public static int[] blockSizes(int hosts, int rings) {
        if (rings < 1 || hosts < rings) {
            throw new IllegalArgumentException("--hosts " + hosts + " cannot give each of " + rings + " ring(s) a host");
        }
        int[] sizes = new int[rings];
        for (int i = 0; i < rings; i++) {
            sizes[i] = (int) ((long) (i + 1) * hosts / rings - (long) i * hosts / rings);
        }
        return sizes;
    }

    public Outcome run(List<String> rings, int soakDays, Simulation.Settings s, FleetScheduler.Listener<HostRun> listener) {
        int[] sizes = blockSizes(s.hosts(), rings.size());
        List<RingOutcome> outcomes = new ArrayList<>();
        Progress progress = new Progress(listener);
        int firstIndex = 0;
        for (int i = 0; i < rings.size(); i++) {
            String ring = rings.get(i);
            String from = i == 0 ? null : rings.get(i - 1);
            Clock day = Clock.offset(clock, Duration.ofDays((long) i * soakDays));
            String promotion = "-";
            RingGate gate;
            if (from == null) {
                gate = RingGate.first(ring);
            } else {
                promotion = promote(from, ring, soakDays, day);
                gate = RingGate.gated(ring, from, new RingRecords(store).latestApproval(ring));
            }
            Simulation.Settings ringSettings = new Simulation.Settings(sizes[i], s.concurrency(), s.maxErrors(),
                    s.environment(), s.advisor(), s.account(), s.region(), s.documentName(), s.hostsDir(), s.keepHosts());
            Simulation simulation = new Simulation(i == 0 ? first : later, agents.forRing(new SimulatedRing(ring, gate, day)),
                    analyzer, store, day);
            Simulation.Result result = simulation.run(ringSettings, firstIndex, progress);
            progress.ringDone(result);
            outcomes.add(new RingOutcome(ring, from, firstIndex, result, promotion, gate.approval()));
            firstIndex += sizes[i];
        }
        return new Outcome(outcomes, combine(outcomes, s));
    }

    /** The promotion {@code patchctl promote --from FROM --to TO --soak-days N} runs, on the simulated day. */
    private String promote(String from, String to, int soakDays, Clock day) {
        try {
            PromotionResult result = new Promotion(store, day).promote(
                    new PromotionRequest(from, to, soakDays, List.of(), false, "patchctl simulate", null));
            if (result instanceof PromotionResult.Written w) {
                return "v" + w.approval().version() + " written (" + w.approval().packages().size() + " build(s), "
                        + w.added() + " new)";
            }
            if (result instanceof PromotionResult.UpToDate u) {
                return "v" + u.approval().version() + " up to date";
            }
            PromotionResult.NotSoaked n = (PromotionResult.NotSoaked) result;
            return "nothing soaked yet (" + n.pendingBuilds() + " build(s) pending until " + n.earliest() + ")";
        } catch (NoSuccessfulRunException e) {
            return "nothing to promote: ring " + from + " recorded no successful install";
        }
    }

    private Simulation.Result combine(List<RingOutcome> outcomes, Simulation.Settings s) {
        List<HostResult> hosts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Invocation<HostRun>> invocations = new ArrayList<>();
        Map<String, ObjectNode> events = new LinkedHashMap<>();
        int unstored = 0;
        long wall = 0;
        boolean stoppedEarly = false;
        for (RingOutcome o : outcomes) {
            FleetReport r = o.result().report();
            // a host without a RunReport (not started, agent crashed) still belongs to its ring's block
            r.hosts().forEach(h -> hosts.add(h.ring() == null ? h.toBuilder().ring(o.ring()).build() : h));
            r.problems().forEach(p -> problems.add("ring " + o.ring() + ": " + p));
            invocations.addAll(o.result().invocations());
            events.putAll(o.result().events());
            unstored += o.result().unstored();
            wall += r.cycle().wallMillis();
            stoppedEarly |= r.cycle().stoppedEarly();
        }
        FleetReport last = outcomes.get(outcomes.size() - 1).result().report();
        CycleInfo firstCycle = outcomes.get(0).result().report().cycle();
        // one Run Command per ring in production: the combined cycle names the first ring's command
        CycleInfo cycle = new CycleInfo(firstCycle.commandId(), s.hosts(), firstCycle.maxConcurrency(),
                firstCycle.maxErrors(), stoppedEarly, wall, s.advisor(), Simulation.distinctUpdateSets(hosts),
                Simulation.modelCalls(hosts), store.describe());
        FleetReport report = new FleetReport(last.generatedAt(), last.source(), s.environment(), cycle, hosts, problems);
        return new Simulation.Result(report, invocations, events, unstored);
    }

    /** Counts across rings for the progress bar: each ring's scheduler counts from zero. */
    private static final class Progress implements FleetScheduler.Listener<HostRun> {
        private final FleetScheduler.Listener<HostRun> delegate;
        private int finishedBefore;
        private int failedBefore;

        Progress(FleetScheduler.Listener<HostRun> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void started(Invocation<HostRun> running, int runningNow) {
            delegate.started(running, runningNow);
        }

        @Override
        public void finished(Invocation<HostRun> done, int finishedSoFar, int failedSoFar) {
            delegate.finished(done, finishedBefore + finishedSoFar, failedBefore + failedSoFar);
        }

        @Override
        public void stoppedLaunching(int failed, int notStarted) {
            delegate.stoppedLaunching(failedBefore + failed, notStarted);
        }

        void ringDone(Simulation.Result result) {
            Set<String> seen = new HashSet<>();
            for (Invocation<HostRun> inv : result.invocations()) {
                if (inv.status() != InvocationStatus.NOT_STARTED && seen.add(inv.target())) {
                    finishedBefore++;
                    failedBefore += inv.failed() ? 1 : 0;
                }
            }
        }
    }

    /**
     * Before any host runs: each later ring's latest approval in {@code store}, if any, must be readable and
     * promoted from the ring before it in this order (a store of another rollout would fail mid-way).
     *
     * @throws IllegalArgumentException naming the ring, the approval and the ring it came from
     */
    public static void checkApprovals(ReportStore store, List<String> rings) {
        RingRecords records = new RingRecords(store);
        for (int i = 1; i < rings.size(); i++) {
            String ring = rings.get(i);
            String from = rings.get(i - 1);
            Optional<RingApproval> latest;
            try {
                latest = records.latestApproval(ring);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("--rings: ring " + ring + ": " + e.getMessage(), e);
            }
            if (latest.isPresent() && !latest.get().from().equals(from)) {
                throw new IllegalArgumentException("--rings: ring " + ring + "'s approval v" + latest.get().version() + " in "
                        + store.describe() + " was promoted from ring " + latest.get().from() + ", not from " + from
                        + ": give the rings in that store's order, or use a fresh store");
            }
        }
    }

    /** Checks a ring list: at least two rings, each a valid key segment, none twice. */
    public static List<String> parse(List<String> names) {
        if (names.size() < 2) {
            throw new IllegalArgumentException("--rings needs at least two rings in order (e.g. dev,staging,prod), was "
                    + String.join(",", names));
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            try {
                ReportKeys.segment(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--rings: ring name '" + name + "': " + e.getMessage(), e);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("--rings names ring '" + name + "' twice");
            }
        }
        return List.copyOf(names);
    }
}
