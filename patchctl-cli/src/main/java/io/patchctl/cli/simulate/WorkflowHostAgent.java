package io.patchctl.cli.simulate;

import io.patchctl.dnf.DnfPackageManager;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.run.AgentWorkflow;
import io.patchctl.core.run.RunOutcome;
import io.patchctl.core.run.RunRequest;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.advisory.RpmVersion;
import io.patchctl.core.reboot.RebootCoordinator;
import io.patchctl.core.reboot.RebootMarkerFile;
import io.patchctl.core.run.ExitCode;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.lab.LabHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The real agent workflow ({@link AgentWorkflow}, what {@code patchctl run} executes) on one lab
 * host, in-process: real dnf in the host's installroot, the chosen advisor, PolicyGuard, and the
 * RunReport stored in the simulation's report store.
 */
public final class WorkflowHostAgent implements HostAgent {

    private static final Duration DNF_TIMEOUT = Duration.ofMinutes(5);

    /** The advisor a host's run uses (a Bedrock advisor shares its plan cache with the fleet). */
    @FunctionalInterface
    public interface AdvisorSource {
        Advisor forHost(SimulatedHost host, String environment);
    }

    private final AdvisorSource advisors;
    private final Path spoolDir;
    private final PatchPolicy policy;
    private final SimulatedRing ring;

    /**
     * @param advisors where each host's advisor comes from
     * @param spoolDir where a report goes if the store fails (as on a real host)
     */
    public WorkflowHostAgent(AdvisorSource advisors, Path spoolDir) {
        this(advisors, spoolDir, PatchPolicy.defaults());
    }

    /** @param policy every host's policy */
    public WorkflowHostAgent(AdvisorSource advisors, Path spoolDir, PatchPolicy policy) {
        this(advisors, spoolDir, policy, null);
    }

    /** @param ring the rollout ring every host runs in (simulate --rings), or null */
    public WorkflowHostAgent(AdvisorSource advisors, Path spoolDir, PatchPolicy policy, SimulatedRing ring) {
        this.advisors = Objects.requireNonNull(advisors, "advisors");
        this.spoolDir = spoolDir;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ring = ring;
    }

    @Override
    public AgentResult run(SimulatedHost host, LabHost labHost, String environment, ReportStore store) {
        // the kernel this lab host "booted": its newest installed kernel-core (uname -r's form: version-release.arch)
        AtomicReference<String> booted = new AtomicReference<>(newestKernel(labHost));
        RunOutcome outcome = runOnce(host, labHost, environment, store, booted);
        String firstErr = "";
        if (outcome.report().exitCode() == ExitCode.REBOOT_REQUESTED.code()) {
            // What the SSM Agent does with 194 (see RebootCoordinator): reboot, then run the script again.
            // The reboot is simulated: the host comes back on the newest installed kernel.
            firstErr = stderr(outcome.report(), outcome) + "simulate: host rebooted into " + newestKernel(labHost) + "\n";
            booted.set(newestKernel(labHost));
            outcome = runOnce(host, labHost, environment, store, booted);
        }
        RunReport report = outcome.report();
        String key = outcome.storedAt().isEmpty() ? null
                : ReportKeys.runReport(report.environment(), report.instanceId(), report.timestamp(), report.runIdPrefix());
        return new AgentResult(report.exitCode(), Json.mapper().valueToTree(report), key, firstErr + stderr(report, outcome));
    }

    private RunOutcome runOnce(SimulatedHost host, LabHost labHost, String environment, ReportStore store,
                               AtomicReference<String> booted) {
        // Debian's rpm reads its database path from HOME/.rpmmacros: the lab host's environment carries it.
        PackageManager dnf = new DnfPackageManager(labHost.installroot(), labHost.dnfArgs(), labHost.environment(),
                DNF_TIMEOUT, new ProcessRunner());
        PatchPolicy hostPolicy = hostPolicy(host);
        Clock clock = ring == null ? Clock.systemUTC() : ring.clock();
        AgentWorkflow.Builder workflow = AgentWorkflow.builder()
                .packageManager(dnf)
                .store(store)
                .quarantineStore(store) // the fleet's shared store, as --report-bucket is on real hosts
                .spoolDir(spoolDir)
                .reboots(new RebootCoordinator(new RebootMarkerFile(labHost.dir().resolve("state")),
                        () -> java.util.Optional.ofNullable(booted.get()), clock));
        Advisor advisor = advisors.forHost(host, environment);
        workflow.advisor(ring == null ? advisor : ring.wire(workflow, advisor, store, hostPolicy));
        return workflow.build()
                .run(new RunRequest(environment, host.instanceId(), host.hostname(), labHost.installroot().toString(),
                        RunMode.PATCH, hostPolicy));
    }

    /**
     * The host's profile policy (a kernel-reboot host plans kernels) with the fleet's circuit-breaker settings
     * (simulate --no-quarantine turns it off for every host).
     */
    private PatchPolicy hostPolicy(SimulatedHost host) {
        return host.profile().policy().toBuilder().circuitBreaker(policy.circuitBreaker())
                .quarantineTtl(policy.quarantineTtl()).campaign(policy.campaign()).build();
    }

    /** The newest installed kernel-core as {@code uname -r} would print it; null when the host has none. */
    private static String newestKernel(LabHost labHost) {
        List<String> kernels = labHost.installed().get("kernel-core");
        if (kernels == null || kernels.isEmpty()) {
            return null;
        }
        return kernels.stream().max((a, b) -> RpmVersion.compareEvr(a.substring(0, a.lastIndexOf('.')),
                b.substring(0, b.lastIndexOf('.')))).orElseThrow();
    }

    /** The diagnostics {@code patchctl run} prints on stderr, which Run Command keeps next to stdout. */
    private static String stderr(RunReport report, RunOutcome outcome) {
        StringBuilder err = new StringBuilder(String.format(Locale.ROOT,
                "patchctl: %s exit=%d approved=%d held=%d rejected=%d dnf_invocations=%d duration_ms=%d%n",
                report.status(), report.exitCode(), report.approved().size(), report.held().size(),
                report.rejected().size(), report.dnfInvocations(), report.durationMillis()));
        if (report.error() != null) {
            err.append("patchctl: error: ").append(report.error()).append('\n');
        }
        List<String> stored = outcome.storedAt();
        stored.forEach(k -> err.append("patchctl: report stored at ").append(k).append('\n'));
        if (outcome.spooledTo() != null) {
            err.append("patchctl: report spooled to ").append(outcome.spooledTo()).append('\n');
        }
        return err.toString();
    }
}
