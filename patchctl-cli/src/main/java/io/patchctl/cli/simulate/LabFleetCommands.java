package io.patchctl.cli.simulate;

import io.patchctl.core.campaign.fleet.CampaignLaunch;
import io.patchctl.core.campaign.fleet.CommandProgress;
import io.patchctl.core.campaign.fleet.FleetCommandException;
import io.patchctl.core.campaign.fleet.FleetCommands;
import io.patchctl.core.campaign.fleet.HostInvocation;
import io.patchctl.core.campaign.fleet.InvocationState;
import io.patchctl.core.internal.io.FileTrees;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.run.AgentWorkflow;
import io.patchctl.core.run.RunOutcome;
import io.patchctl.core.run.RunRequest;
import io.patchctl.core.store.ReportStore;
import io.patchctl.dnf.DnfPackageManager;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@link FleetCommands} on the lab fleet ({@code patchctl simulate --cve …}): "sending" the command runs
 * the campaign on every lab host under the launch's rate controls (the simulation's FleetScheduler, as
 * for a cycle), each host through the real agent workflow and real dnf with the policy limited to the
 * campaign, its RunReport stored in the report store as on a real host. The invocations then read
 * like Run Command's: Success for exit 0, Failed otherwise, Cancelled for hosts never started (max errors).
 */
public final class LabFleetCommands implements FleetCommands {

    private static final Duration DNF_TIMEOUT = Duration.ofMinutes(5);

    private final Lab lab;
    private final ReportStore store;
    private final int hosts;
    private final Path hostsDir;
    private final boolean keepHosts;
    private final PatchPolicy policy;
    private final Clock clock;
    private final FleetScheduler.Listener<HostRun> listener;
    private final Map<String, CommandProgress> sent = new LinkedHashMap<>();

    /**
     * @param policy the hosts' policy before the campaign is applied to it (simulate: the defaults)
     */
    public LabFleetCommands(Lab lab, ReportStore store, int hosts, Path hostsDir, boolean keepHosts, PatchPolicy policy,
                            Clock clock, FleetScheduler.Listener<HostRun> listener) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.store = Objects.requireNonNull(store, "store");
        this.hosts = hosts;
        this.hostsDir = Objects.requireNonNull(hostsDir, "hostsDir");
        this.keepHosts = keepHosts;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = listener == null ? FleetScheduler.silent() : listener;
    }

    @Override
    public SentCommand send(CampaignLaunch launch) {
        RateControl rate;
        try {
            rate = RateControl.parse(launch.maxConcurrency(), launch.maxErrors(), hosts);
        } catch (IllegalArgumentException e) {
            throw new FleetCommandException(e.getMessage(), e);
        }
        String commandId = UUID.randomUUID().toString();
        Instant requestedAt = clock.instant();
        PatchPolicy campaignPolicy = policy.toBuilder().campaign(launch.selection()).build();
        Map<String, SimulatedHost> fleet = new LinkedHashMap<>();
        for (int i = 0; i < hosts; i++) {
            SimulatedHost h = SimulatedHost.of(i);
            fleet.put(h.instanceId(), h);
        }
        Path cycleDir = hostsDir.toAbsolutePath().resolve("campaign-" + commandId.substring(0, 8));
        List<Invocation<HostRun>> invocations;
        try {
            invocations = new FleetScheduler(clock).run(List.copyOf(fleet.keySet()), rate,
                    target -> runHost(fleet.get(target), cycleDir, launch.environment(), campaignPolicy),
                    HostRun::failed, listener);
        } finally {
            if (!keepHosts) {
                FileTrees.deleteQuietly(cycleDir);
            }
        }
        List<HostInvocation> done = new ArrayList<>();
        boolean anyFailed = false;
        for (Invocation<HostRun> inv : invocations) {
            InvocationState state = switch (inv.status()) {
                case SUCCESS -> InvocationState.SUCCESS;
                case FAILED -> InvocationState.FAILED;
                case NOT_STARTED -> InvocationState.CANCELLED;
            };
            anyFailed |= state != InvocationState.SUCCESS;
            String details = inv.status() == InvocationStatus.NOT_STARTED ? "not started: max errors reached"
                    : inv.result() == null ? "the agent could not run: " + inv.error()
                    : "exit " + inv.result().result().exitCode();
            done.add(new HostInvocation(inv.target(), state, details));
        }
        sent.put(commandId, new CommandProgress(anyFailed ? InvocationState.FAILED : InvocationState.SUCCESS, done.size(), done));
        return new SentCommand(commandId, requestedAt);
    }

    @Override
    public CommandProgress progress(String commandId) {
        CommandProgress progress = sent.get(commandId);
        if (progress == null) {
            throw new FleetCommandException("no simulated command " + commandId, null);
        }
        return progress;
    }

    private HostRun runHost(SimulatedHost host, Path cycleDir, String environment, PatchPolicy campaignPolicy) {
        Path dir = cycleDir.resolve(host.instanceId());
        HostSpec spec = host.profile().hostSpec().distro(host.profile().distro());
        LabHost labHost = host.profile().reachable() ? lab.newHost(dir, spec) : lab.newUnreachableHost(dir, spec);
        RunOutcome outcome = AgentWorkflow.builder()
                .packageManager(new DnfPackageManager(labHost.installroot(), labHost.dnfArgs(), labHost.environment(),
                        DNF_TIMEOUT, new ProcessRunner()))
                .advisor(new RulesAdvisor())
                .store(store)
                .build()
                .run(new RunRequest(environment, host.instanceId(), host.hostname(), labHost.installroot().toString(),
                        RunMode.PATCH, campaignPolicy));
        return new HostRun(host, new AgentResult(outcome.report().exitCode(),
                io.patchctl.core.internal.json.Json.mapper().valueToTree(outcome.report()), null, ""));
    }
}
