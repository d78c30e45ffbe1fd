package io.patchctl.core.run;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.campaign.CampaignOutcomes;
import io.patchctl.core.campaign.CampaignSelection;
import io.patchctl.core.hooks.HookContext;
import io.patchctl.core.hooks.HookPhase;
import io.patchctl.core.hooks.HookPolicy;
import io.patchctl.core.hooks.HookResult;
import io.patchctl.core.hooks.HookRunner;
import io.patchctl.core.hooks.HookedInstall;
import io.patchctl.core.hooks.HooksReport;
import io.patchctl.core.hooks.PostRebootCheck;
import io.patchctl.core.host.Distro;
import io.patchctl.core.host.InstalledState;
import io.patchctl.core.host.PackageDbHealth;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.PackageManagerException;
import io.patchctl.core.host.TransactionOutcome;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.AdvisorInfo;
import io.patchctl.core.plan.AdvisorOutcome;
import io.patchctl.core.plan.GuardedPlan;
import io.patchctl.core.plan.ModelAdvisor;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PlanCacheStatus;
import io.patchctl.core.plan.PolicyGuard;
import io.patchctl.core.plan.PolicyRules;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.plan.StorePlanCache;
import io.patchctl.core.plan.approval.ApprovalRules;
import io.patchctl.core.quarantine.CircuitBreaker;
import io.patchctl.core.quarantine.QuarantineStore;
import io.patchctl.core.reboot.RebootCoordinator;
import io.patchctl.core.reboot.RebootOutcome;
import io.patchctl.core.reboot.RebootSection;
import io.patchctl.core.report.AdvisorSection;
import io.patchctl.core.report.ApplyResult;
import io.patchctl.core.report.ReleaseNotes;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.report.SpoolDelivery;
import io.patchctl.core.report.TransactionTest;
import io.patchctl.core.report.Verification;
import io.patchctl.core.rollout.RingGate;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import io.patchctl.core.verify.FixReport;
import io.patchctl.core.verify.FixVerification;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent run, the data flow of docs/design.md: discover → advise → guard → test transaction →
 * upgrade → verify → report → store → hooks. Knows the ports only (package manager, advisor,
 * report stores, hooks); the CLI and simulate wire the adapters.
 */
public final class AgentWorkflow {

    private static final Logger LOG = LoggerFactory.getLogger(AgentWorkflow.class);

    private final PackageManager packageManager;
    private final Advisor advisor;
    private final List<ReportStore> stores;
    private final Path spoolDir;
    private final List<PostRunHook> hooks;
    private final Clock clock;
    private final Supplier<UUID> runIds;
    private final BooleanSupplier cancellation;
    private final SpoolSender.Limits spoolLimits;
    private final HookRunner hookRunner;
    private final RebootCoordinator reboots;
    private final ReportStore quarantineStore;
    private final RingGate ring;

    private AgentWorkflow(Builder b) {
        this.packageManager = Objects.requireNonNull(b.packageManager, "packageManager");
        this.advisor = b.advisor == null ? new RulesAdvisor() : b.advisor;
        this.stores = List.copyOf(b.stores);
        this.spoolDir = b.spoolDir;
        this.hooks = List.copyOf(b.hooks);
        this.clock = b.clock;
        this.runIds = b.runIds;
        this.cancellation = b.cancellation;
        this.spoolLimits = b.spoolLimits;
        this.hookRunner = b.hookRunner;
        this.reboots = b.reboots;
        this.quarantineStore = b.quarantineStore;
        this.ring = b.ring;
    }

    public static Builder builder() {
        return new Builder();
    }

    public RunOutcome run(RunRequest undated) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        // approval age and exceptions are judged on the run's own UTC date, one date for every step of the run
        RunRequest request = undated.withPolicy(undated.policy().asOf(LocalDate.ofInstant(now, ZoneOffset.UTC)));
        Draft d = new Draft(request, runIds.get().toString(), now);
        d.ringName = ring.ring();
        d.distro = packageManager.distro();
        // Reports earlier runs could not store go first: a healthy run must not leave them behind.
        d.spool = spoolDir == null ? null : new SpoolSender(spoolDir, stores, clock, spoolLimits).deliver();
        if (reboots != null && !resumeAfterReboot(d)) {
            return finish(d, start);
        }
        if (cancelled(d, "checking the package database")) {
            return finish(d, start);
        }
        PackageDbHealth health = packageManager.checkHealth();
        if (!health.healthy() && request.policy().repair() == PatchPolicy.RepairMode.FIX) {
            List<String> repairs = packageManager.repair(health);
            health = packageManager.checkHealth().withRepairs(repairs);
        }
        d.packageDb = health;
        List<String> blocking = blockingProblems(health, request.policy());
        if (!blocking.isEmpty()) {
            // dnf would answer "nothing to do" here: that is no evidence the host is patched
            d.fail("package database unhealthy, nothing planned: " + String.join("; ", blocking));
            return finish(d, start);
        }
        if (cancelled(d, "discovery")) {
            return finish(d, start);
        }
        try {
            d.discovered = packageManager.discoverSecurityUpdates();
            d.notes.addAll(ReleaseNotes.of(d.distro, request.policy(), packageManager.newerReleases()));
        } catch (PackageManagerException e) {
            d.fail("discovery failed: " + e.getMessage());
            return finish(d, start);
        }
        if (cancelled(d, "planning")) {
            return finish(d, start);
        }
        d.quarantine = circuitBreaker(request.policy()).check(request.environment(), d.discovered);
        d.notes.addAll(d.quarantine.notes());
        // a gated ring plans only the builds the previous ring proved; the rest is held by the ring's rule
        List<SecurityUpdate> eligible = ring.eligible(d.discovered);
        d.notes.addAll(ring.notes(d.discovered));
        AdvisorOutcome outcome = advise(eligible, request, d.distro);
        d.advisor = AdvisorSection.of(outcome.info(), "cache".equals(outcome.info().kind()) ? PlanCacheStatus.HIT : outcome.info().planCache());
        d.plan = outcome.plan();
        // the quarantine only narrows what the guard approved (the advisor's plan, shared or not, is unchanged)
        GuardedPlan guarded = d.quarantine.apply(new PolicyGuard(request.policy(), List.of(ring)).guard(d.discovered, outcome));
        d.guarded = guarded;
        PolicyRules rules = new PolicyRules(request.policy(), List.of(ring));
        Map<String, List<SecurityUpdate>> byName = PolicyGuard.byName(d.discovered);
        List<String> advisorHeld = ModelAdvisor.allowedNotPlanned(outcome.plan(), eligible, request.policy());
        List<String> installSpecs = ring.installSpecs(guarded.approved(), PolicyGuard.byName(eligible));
        if (d.advisor.planCache() == PlanCacheStatus.HIT && !advisorHeld.isEmpty()) {
            d.notes.add("the plan reused from the plan cache leaves " + advisorHeld.size() + " update(s) the policy allows"
                    + " pending (" + String.join(", ", advisorHeld.subList(0, Math.min(10, advisorHeld.size())))
                    + "); such plans are reused for at most " + StorePlanCache.HOLD_TTL.toHours() + " h, then the model is asked again");
        }

        if (request.mode() == RunMode.SCAN_ONLY || guarded.nothingToInstall()) {
            // Nothing changes: discovery itself is the verification. Recorded as such so compliance
            // items follow the policy, not the advisor: an allowed update the advisor held is pending.
            d.verification = policyView(byName.keySet(), byName, rules);
            d.status = d.verification.remainingAllowed().isEmpty() ? RunStatus.COMPLIANT : RunStatus.NON_COMPLIANT;
            return finish(d, start);
        }
        if (cancelled(d, "the test transaction")) {
            d.verification = policyView(byName.keySet(), byName, rules);
            return finish(d, start);
        }
        d.hooked = HookSteps.beforeInstall(request, d.runId, guarded.approved(), d.discovered, packageManager, hookRunner,
                d.notes).orElse(null);
        if (d.hooked != null && d.hooked.failure() != null) {
            d.verification = policyView(byName.keySet(), byName, rules);
            d.fail(d.hooked.failure());
            return finish(d, start);
        }

        TransactionOutcome apply;
        if (packageManager.upgradeTestsFirst()) {
            // one process instead of two: the upgrade runs the same test first and changes nothing if it fails
            apply = packageManager.upgrade(installSpecs);
            boolean passed = apply.testPassed() != null ? apply.testPassed() : apply.success();
            d.transactionTest = new TransactionTest(true, passed, passed ? null : apply.exitCode(), passed ? null : apply.error());
            if (!passed) {
                d.quarantine.recordFailure(request.instanceId(), d.runId, apply, guarded.approved());
                d.verification = policyView(byName.keySet(), byName, rules);
                d.fail("transaction test failed, nothing was changed: " + apply.error());
                return finish(d, start);
            }
        } else {
            TransactionOutcome test = packageManager.testUpgrade(installSpecs);
            d.transactionTest = new TransactionTest(true, test.success(), test.exitCode(), test.error());
            if (!test.success()) {
                d.quarantine.recordFailure(request.instanceId(), d.runId, test, guarded.approved());
                d.verification = policyView(byName.keySet(), byName, rules);
                d.fail("transaction test failed, nothing was changed: " + test.error());
                return finish(d, start);
            }
            if (cancelled(d, "the upgrade")) {
                d.verification = policyView(byName.keySet(), byName, rules);
                return finish(d, start);
            }
            apply = packageManager.upgrade(installSpecs);
        }
        d.apply = new ApplyResult(true, apply.success(), apply.exitCode(), apply.installed(), apply.error(), apply.outputTail());
        // the post_install health check; a failure undoes our transaction before the verification below
        HookedInstall.AfterUpgrade afterHook = d.hooked == null
                ? HookedInstall.AfterUpgrade.NOT_RUN : d.hooked.install().afterUpgrade(apply, d.discovered);
        // verification runs even when cancelled: it is short, changes nothing, and says what the upgrade did
        try {
            InstalledState state = packageManager.verifyInstalled();
            d.installed = state;
            // a gated ring judges only the builds it may install (a newer EVR it holds is not "pending" to it)
            Set<String> pending = ring.isGated() ? ringPending(eligible, byName.keySet()) : state.pending();
            d.verification = policyView(pending, byName, rules);
            d.status = d.verification.remainingAllowed().isEmpty() ? RunStatus.COMPLIANT : RunStatus.NON_COMPLIANT;
        } catch (PackageManagerException e) {
            d.fail("verification failed: " + e.getMessage());
        }
        if (!apply.installed().isEmpty() && !cancellation.getAsBoolean()) {
            d.rebootNeeded = packageManager.rebootNeeded().orElse(null);
        }
        if (!apply.success()) {
            d.quarantine.recordFailure(request.instanceId(), d.runId, apply, guarded.approved());
            d.fail("upgrade failed: " + apply.error());
        }
        HookSteps.applyOutcome(d.hooked, afterHook, message -> {
            d.status = RunStatus.ROLLED_BACK;
            d.error = d.error == null ? message : d.error + "; " + message;
        }, d::fail);
        if (d.status != RunStatus.ROLLED_BACK) {
            // a rolled-back transaction leaves nothing to boot into
            requestRebootIfNeeded(d, apply);
        }
        cancelled(d, "reporting");
        return finish(d, start);
    }

    /**
     * The start of the run SSM runs again after a reboot this agent asked for (exit 194): false when the
     * run must stop here (an older kernel came back: FAILED with the evidence; an unusable marker).
     */
    private boolean resumeAfterReboot(Draft d) {
        RebootCoordinator.Resume resume =
                reboots.resume(target(d.request), d.request.policy().reboot(), packageManager);
        if (resume.kind() == RebootCoordinator.ResumeKind.NONE) {
            return true;
        }
        d.reboot = resume.section();
        d.awaitingReboot = resume.awaiting();
        d.resumed = resume.resumed();
        if (resume.error() != null) {
            d.fail(resume.error());
            return false;
        }
        runPostRebootChecks(d);
        return d.error == null;
    }

    /**
     * POST-REBOOT CHECKS: the one place where checks after the reboot run (the host is up on the new
     * kernel, before this run discovers and verifies). Issue 15 §3 (15-hooks) runs the operator's
     * {@code post_reboot} hook here; a failing check calls {@code d.fail(...)} and the run stops.
     */
    private void runPostRebootChecks(Draft d) {
        HookPolicy hooks = d.request.policy().hooks();
        if (hooks.hook(HookPhase.POST_REBOOT).isEmpty()) {
            return;
        }
        if (hookRunner == null) {
            d.fail("policy sets a post_reboot hook but this run has no hook runner");
            return;
        }
        // the packages were named by the run before the reboot (its report); this run knows the marker only
        Optional<HookResult> result = new PostRebootCheck(hooks, hookRunner)
                .run(new HookContext(d.runId, d.request.installroot(), List.of(), List.of()));
        result.ifPresent(r -> {
            d.postRebootHooks = HooksReport.of(r);
            if (!r.success()) {
                // after a reboot there is no transaction of this run to undo: the operator decides
                d.fail("post_reboot hook failed: " + r.summary());
            }
        });
    }

    private static RebootCoordinator.Target target(RunRequest r) {
        return new RebootCoordinator.Target(r.environment(), r.instanceId(), r.installroot());
    }

    /** {@code reboot: if-needed}: after a clean install, ask for the reboot that finishes it (exit 194). */
    private void requestRebootIfNeeded(Draft d, TransactionOutcome apply) {
        if (d.request.policy().reboot() != PatchPolicy.RebootMode.IF_NEEDED || d.installed == null || !apply.success()
                || apply.installed().isEmpty() || (d.status != RunStatus.COMPLIANT && d.status != RunStatus.NON_COMPLIANT)
                || cancellation.getAsBoolean()) {
            return;
        }
        if (reboots == null) {
            d.notes.add("reboot: if-needed, but this run has no state directory for the reboot marker: not rebooting");
            return;
        }
        if (d.resumed) {
            // at most one reboot per invocation: a second would loop if the new kernel never comes up
            d.notes.add("this run resumed after a reboot and installed more updates; a further reboot (if any) waits"
                    + " for the next run");
            return;
        }
        d.reboot = reboots.afterInstall(d.request.policy().reboot(), d.runId, target(d.request), d.discovered, d.installed,
                d.rebootNeeded);
        if (d.reboot.outcome() == RebootOutcome.REQUESTED) {
            d.status = RunStatus.REBOOT_PENDING;
        }
    }

    /** The fix verification of this run (and of what waited for the reboot it resumed from). */
    private FixReport fixes(Draft d) {
        FixReport own = FixReport.notRun();
        if (d.guarded != null) {
            Optional<String> running = reboots == null ? Optional.empty() : reboots.runningKernel();
            String failure = d.apply != null && d.apply.ran() && !d.apply.success() ? d.apply.error()
                    : d.transactionTest != null && d.transactionTest.ran() && !d.transactionTest.success()
                    ? "transaction test failed: " + d.transactionTest.error() : null;
            // the campaign's ids (--cve/--advisory): those discovery did not report are NOT_APPLICABLE
            CampaignSelection campaign = d.request.policy().campaign();
            List<String> requested = new ArrayList<>(campaign.cves());
            requested.addAll(campaign.advisories());
            own = new FixVerification(d.discovered, d.guarded.held(), d.guarded.approved(),
                    failure, running, requested).verify(d.installed == null ? Map.of() : d.installed.installed());
        }
        return own.plus(d.awaitingReboot);
    }

    /** In a gated ring: the eligible builds still pending, plus the packages the ring holds entirely. */
    private Set<String> ringPending(List<SecurityUpdate> eligible, Set<String> discoveredNames) {
        Set<String> pending = new LinkedHashSet<>(packageManager.pendingAmong(eligible));
        Set<String> eligibleNames = PolicyGuard.byName(eligible).keySet();
        discoveredNames.stream().filter(n -> !eligibleNames.contains(n)).forEach(pending::add);
        return pending;
    }

    /** Stops the run before {@code next} when SIGTERM arrived; the report says where it stopped. */
    private boolean cancelled(Draft d, String next) {
        if (!cancellation.getAsBoolean()) {
            return false;
        }
        if (d.status != RunStatus.CANCELLED) {
            d.status = RunStatus.CANCELLED;
            String message = "cancelled (SIGTERM) before " + next;
            d.error = d.error == null ? message : d.error + "; " + message;
        }
        return true;
    }

    /**
     * Problems that stop the run. With {@code repair: fix} an unfinished last transaction alone does
     * not: after the repair the database is consistent (no duplicates, dnf check clean), and this
     * run's own transaction supersedes it. It is still in the report.
     */
    private static List<String> blockingProblems(PackageDbHealth health, PatchPolicy policy) {
        if (policy.repair() == PatchPolicy.RepairMode.FIX && health.unfinishedTransaction() != null) {
            PackageDbHealth rest = new PackageDbHealth(health.checked(), health.installedPackages(), health.unreadable(),
                    health.duplicates(), health.checkProblems(), null, health.repairs());
            return rest.problems();
        }
        return health.problems();
    }

    private static Verification policyView(Collection<String> pending, Map<String, List<SecurityUpdate>> byName,
                                           PolicyRules rules) {
        List<String> allowed = allowedPending(pending, byName, rules);
        List<String> held = pending.stream().filter(n -> !allowed.contains(n)).toList();
        return new Verification(true, allowed, held);
    }

    /** The per-update circuit breaker: on when the policy wants it and a shared store holds the quarantine. */
    private CircuitBreaker circuitBreaker(PatchPolicy policy) {
        if (!policy.circuitBreaker()) {
            return CircuitBreaker.off("policy circuit_breaker: off");
        }
        if (quarantineStore == null) {
            return CircuitBreaker.off("no shared report store (--report-dir or --report-bucket) to keep a quarantine in");
        }
        return CircuitBreaker.on(new QuarantineStore(quarantineStore), policy.quarantineTtl(), clock);
    }

    private AdvisorOutcome advise(List<SecurityUpdate> discovered, RunRequest request, Distro distro) {
        long start = System.nanoTime();
        try {
            return advisor.advise(discovered, request.policy(), distro);
        } catch (RuntimeException e) {
            // an advisor that throws instead of falling back: the run still gets a plan, and the report says why
            LOG.warn("advisor failed, using rules advisor={} error={}", advisor.getClass().getSimpleName(), e.toString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new AdvisorOutcome(new RulesAdvisor().plan(discovered, request.policy()),
                    new AdvisorInfo("rules", null, "advisor failed: " + e.getMessage(), 0, 0, millis));
        }
    }

    /** Pending packages the policy does not hold: these make a host non-compliant. */
    private static List<String> allowedPending(Collection<String> pending, Map<String, List<SecurityUpdate>> byName,
                                               PolicyRules rules) {
        List<String> allowed = new ArrayList<>();
        for (String name : pending) {
            if (rules.holdReason(name, byName.getOrDefault(name, List.of())).isEmpty()) {
                allowed.add(name);
            }
        }
        return allowed;
    }

    private RunOutcome finish(Draft d, long start) {
        d.dnfInvocations = packageManager.invocations();
        d.fixes = fixes(d);
        d.durationMillis = (System.nanoTime() - start) / 1_000_000;
        RunReport report = d.build(ExitCode.of(d.status).code());
        if (d.status == RunStatus.CANCELLED) {
            LOG.warn("run cancelled error={}", d.error);
        }
        String key = ReportKeys.runReport(report.environment(), report.instanceId(), report.timestamp(), report.runIdPrefix());
        List<String> storedAt = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ReportStore store : stores) {
            try {
                store.put(key, Json.bytes(report));
                storedAt.add(store.describe() + "/" + key);
            } catch (StoreUnavailableException | IllegalArgumentException e) {
                failures.add(store.describe() + ": " + e.getMessage());
            }
        }
        String spooled = null;
        if (!failures.isEmpty()) {
            d.error = (d.error == null ? "" : d.error + "; ") + "report not stored durably (" + String.join("; ", failures) + ")";
            report = d.build(ExitCode.NOT_STORED.code());
            spooled = spool(key, report);
            LOG.warn("report not stored, spooled={} failures={}", spooled, failures);
        }
        for (PostRunHook hook : hooks) {
            try {
                hook.afterRun(report);
            } catch (RuntimeException e) {
                LOG.warn("post-run hook failed hook={} error={}", hook.getClass().getSimpleName(), e.toString());
            }
        }
        return new RunOutcome(report, storedAt, spooled);
    }

    private String spool(String key, RunReport report) {
        if (spoolDir == null) {
            return null;
        }
        try {
            DirectoryReportStore spool = new DirectoryReportStore(spoolDir);
            spool.put(key, Json.bytes(report));
            return spoolDir.resolve(key).toString();
        } catch (RuntimeException e) {
            // stdout still carries the report (SSM captures it); nothing more can be done locally
            LOG.warn("spool failed dir={} error={}", spoolDir, e.toString());
            return null;
        }
    }

    /** The report being assembled. */
    private static final class Draft {
        final RunRequest request;
        final String runId;
        final Instant timestamp;
        List<SecurityUpdate> discovered = List.of();
        AdvisorSection advisor;
        PatchPlan plan;
        GuardedPlan guarded;
        TransactionTest transactionTest;
        ApplyResult apply;
        Verification verification;
        Boolean rebootNeeded;
        RunStatus status = RunStatus.FAILED;
        String error;
        Distro distro = Distro.UNKNOWN;
        final List<String> notes = new ArrayList<>();
        String ringName; // the report's ring: null without rings
        int dnfInvocations;
        long durationMillis;
        PackageDbHealth packageDb;
        SpoolDelivery spool;
        HookSteps hooked;
        HooksReport postRebootHooks;
        InstalledState installed;
        FixReport fixes;
        FixReport awaitingReboot;
        RebootSection reboot;
        boolean resumed;
        CircuitBreaker.Check quarantine;

        Draft(RunRequest request, String runId, Instant timestamp) {
            this.request = request;
            this.runId = runId;
            this.timestamp = timestamp;
        }

        void fail(String message) {
            status = RunStatus.FAILED;
            error = error == null ? message : error + "; " + message;
        }

        RunReport build(int exitCode) {
            ApprovalRules approval = ApprovalRules.of(request.policy().approval());
            List<String> allNotes = new ArrayList<>(notes);
            allNotes.addAll(approval.notes(discovered));
            return RunReport.builder().runId(runId).timestamp(timestamp).environment(request.environment())
                    .instanceId(request.instanceId()).hostname(request.hostname()).installroot(request.installroot())
                    .mode(request.mode()).status(status).exitCode(exitCode).discovered(discovered).advisor(advisor).plan(plan)
                    .approved(guarded == null ? List.of() : guarded.approved())
                    .held(guarded == null ? List.of() : guarded.held())
                    .rejected(guarded == null ? List.of() : guarded.rejected())
                    .rejectedTotal(guarded == null ? 0 : guarded.rejected().size())
                    .transactionTest(transactionTest).apply(apply).verification(verification).rebootNeeded(rebootNeeded)
                    .dnfInvocations(dnfInvocations).durationMillis(durationMillis).error(error)
                    .distro(distro).packageDb(packageDb).spool(spool).notes(allNotes)
                    .exceptions(approval.exceptionsSection(discovered)).approvalAge(approval.ageSection(discovered))
                    .hooks(hooked != null ? hooked.install().report() : postRebootHooks)
                    .fixVerification(fixes).reboot(reboot)
                    .campaign(CampaignOutcomes.of(request.policy().campaign(), discovered,
                            guarded != null, guarded == null ? List.of() : guarded.approved(),
                            guarded == null ? List.of() : guarded.held(), apply == null ? ApplyResult.notRun() : apply,
                            verification == null ? Verification.notRun() : verification, status, error))
                    .quarantine(quarantine == null ? null : quarantine.section())
                    .ring(ringName)
                    .build();
        }
    }

    public static final class Builder {
        private PackageManager packageManager;
        private Advisor advisor;
        private final List<ReportStore> stores = new ArrayList<>();
        private Path spoolDir;
        private final List<PostRunHook> hooks = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Supplier<UUID> runIds = UUID::randomUUID;
        private BooleanSupplier cancellation = () -> false;
        private SpoolSender.Limits spoolLimits = SpoolSender.Limits.DEFAULT;
        private HookRunner hookRunner;

        /** Runs the policy's operator hooks; without one a policy that sets pre/post_install hooks fails the run. */
        public Builder hookRunner(HookRunner hookRunner) {
            this.hookRunner = hookRunner;
            return this;
        }

        private RebootCoordinator reboots;

        /**
         * Reboot-and-resume: the marker file and the running-kernel reader. Without it (null) no marker is
         * read or written, and fix verification judges kernels by rpm alone.
         */
        public Builder reboots(RebootCoordinator reboots) {
            this.reboots = reboots;
            return this;
        }
        private ReportStore quarantineStore;
        private RingGate ring = RingGate.open();

        /** The ring's gate (default open: every discovered update may be planned, no pinned builds). */
        public Builder ring(RingGate ring) {
            this.ring = Objects.requireNonNull(ring, "ring");
            return this;
        }

        /** True once the run must stop (SIGTERM): checked before each step; a running dnf is never interrupted here. */
        public Builder cancellation(BooleanSupplier cancellation) {
            this.cancellation = cancellation;
            return this;
        }

        /** How many spooled reports, and how old, a run delivers first. */
        public Builder spoolLimits(SpoolSender.Limits limits) {
            this.spoolLimits = limits;
            return this;
        }

        public Builder packageManager(PackageManager packageManager) {
            this.packageManager = packageManager;
            return this;
        }

        /** Default: the rules advisor. */
        public Builder advisor(Advisor advisor) {
            this.advisor = advisor;
            return this;
        }

        /**
         * Where the environment's quarantine is kept (the per-update circuit breaker): the shared report
         * store, the bucket when there is one. Without it the breaker is off.
         */
        public Builder quarantineStore(ReportStore store) {
            this.quarantineStore = store;
            return this;
        }

        public Builder store(ReportStore store) {
            stores.add(store);
            return this;
        }

        /** Where a report goes when a store fails (then exit 5). */
        public Builder spoolDir(Path spoolDir) {
            this.spoolDir = spoolDir;
            return this;
        }

        public Builder hook(PostRunHook hook) {
            hooks.add(hook);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder runIds(Supplier<UUID> runIds) {
            this.runIds = runIds;
            return this;
        }

        public AgentWorkflow build() {
            return new AgentWorkflow(this);
        }
    }
}
