package io.patchctl.core.run;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.ModelAdvisor;
import io.patchctl.core.plan.StorePlanCache;
import io.patchctl.core.host.PackageDbHealth;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.PackageManagerException;
import io.patchctl.core.host.TransactionOutcome;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.AdvisorInfo;
import io.patchctl.core.plan.AdvisorOutcome;
import io.patchctl.core.plan.GuardedPlan;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PolicyGuard;
import io.patchctl.core.plan.PolicyRules;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.report.AdvisorSection;
import io.patchctl.core.report.ReleaseNotes;
import io.patchctl.core.report.ApplyResult;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.report.SpoolDelivery;
import io.patchctl.core.report.TransactionTest;
import io.patchctl.core.report.Verification;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
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
    private final java.util.function.BooleanSupplier cancellation;
    private final SpoolSender.Limits spoolLimits;
    private final io.patchctl.core.rollout.RingGate ring;

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
        this.ring = b.ring;
    }

    public static Builder builder() {
        return new Builder();
    }

    public RunOutcome run(RunRequest request) {
        long start = System.nanoTime();
        Draft d = new Draft(request, runIds.get().toString(), clock.instant());
        d.distro = packageManager.distro();
        // Reports earlier runs could not store go first: a healthy run must not leave them behind.
        d.spool = spoolDir == null ? null : new SpoolSender(spoolDir, stores, clock, spoolLimits).deliver();
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
        // a gated ring plans only the builds the previous ring proved; the rest is held by the ring's rule
        List<SecurityUpdate> eligible = ring.eligible(d.discovered);
        d.notes.addAll(ring.notes(d.discovered));
        AdvisorOutcome outcome = advise(eligible, request, d.distro);
        d.advisor = AdvisorSection.of(outcome.info(), "cache".equals(outcome.info().kind()) ? io.patchctl.core.plan.PlanCacheStatus.HIT : outcome.info().planCache());
        d.plan = outcome.plan();
        GuardedPlan guarded = new PolicyGuard(request.policy(), List.of(ring)).guard(d.discovered, outcome);
        d.guarded = guarded;
        PolicyRules rules = new PolicyRules(request.policy(), List.of(ring));
        Map<String, List<SecurityUpdate>> byName = PolicyGuard.byName(d.discovered);
        List<String> advisorHeld = ModelAdvisor.allowedNotPlanned(outcome.plan(), eligible, request.policy());
        List<String> installSpecs = ring.installSpecs(guarded.approved(), PolicyGuard.byName(eligible));
        if (d.advisor.planCache() == io.patchctl.core.plan.PlanCacheStatus.HIT && !advisorHeld.isEmpty()) {
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

        TransactionOutcome apply;
        if (packageManager.upgradeTestsFirst()) {
            // one process instead of two: the upgrade runs the same test first and changes nothing if it fails
            apply = packageManager.upgrade(installSpecs);
            boolean passed = apply.testPassed() != null ? apply.testPassed() : apply.success();
            d.transactionTest = new TransactionTest(true, passed, passed ? null : apply.exitCode(), passed ? null : apply.error());
            if (!passed) {
                d.verification = policyView(byName.keySet(), byName, rules);
                d.fail("transaction test failed, nothing was changed: " + apply.error());
                return finish(d, start);
            }
        } else {
            TransactionOutcome test = packageManager.testUpgrade(installSpecs);
            d.transactionTest = new TransactionTest(true, test.success(), test.exitCode(), test.error());
            if (!test.success()) {
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
        // verification runs even when cancelled: it is short, changes nothing, and says what the upgrade did
        try {
            Set<String> pending = ring.isGated() ? ringPending(eligible, byName.keySet()) : packageManager.pendingSecurityPackages();
            d.verification = policyView(pending, byName, rules);
            d.status = d.verification.remainingAllowed().isEmpty() ? RunStatus.COMPLIANT : RunStatus.NON_COMPLIANT;
        } catch (PackageManagerException e) {
            d.fail("verification failed: " + e.getMessage());
        }
        if (!apply.installed().isEmpty() && !cancellation.getAsBoolean()) {
            d.rebootNeeded = packageManager.rebootNeeded().orElse(null);
        }
        if (!apply.success()) {
            d.fail("upgrade failed: " + apply.error());
        }
        cancelled(d, "reporting");
        return finish(d, start);
    }

    /** In a gated ring: the eligible builds still pending, plus the packages the ring holds entirely. */
    private Set<String> ringPending(List<SecurityUpdate> eligible, Set<String> discoveredNames) {
        Set<String> pending = new java.util.LinkedHashSet<>(packageManager.pendingAmong(eligible));
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
        io.patchctl.core.plan.PatchPlan plan;
        GuardedPlan guarded;
        TransactionTest transactionTest;
        ApplyResult apply;
        Verification verification;
        Boolean rebootNeeded;
        RunStatus status = RunStatus.FAILED;
        String error;
        Distro distro = Distro.UNKNOWN;
        final List<String> notes = new ArrayList<>();
        int dnfInvocations;
        long durationMillis;
        PackageDbHealth packageDb;
        SpoolDelivery spool;

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
            return RunReport.builder().runId(runId).timestamp(timestamp).environment(request.environment())
                    .instanceId(request.instanceId()).hostname(request.hostname()).installroot(request.installroot())
                    .mode(request.mode()).status(status).exitCode(exitCode).discovered(discovered).advisor(advisor).plan(plan)
                    .approved(guarded == null ? List.of() : guarded.approved())
                    .held(guarded == null ? List.of() : guarded.held())
                    .rejected(guarded == null ? List.of() : guarded.rejected())
                    .rejectedTotal(guarded == null ? 0 : guarded.rejected().size())
                    .transactionTest(transactionTest).apply(apply).verification(verification).rebootNeeded(rebootNeeded)
                    .dnfInvocations(dnfInvocations).durationMillis(durationMillis).error(error)
                    .distro(distro).packageDb(packageDb).spool(spool).notes(notes).build();
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
        private java.util.function.BooleanSupplier cancellation = () -> false;
        private SpoolSender.Limits spoolLimits = SpoolSender.Limits.DEFAULT;
        private io.patchctl.core.rollout.RingGate ring = io.patchctl.core.rollout.RingGate.open();

        /** The ring's gate (default open: every discovered update may be planned, no pinned builds). */
        public Builder ring(io.patchctl.core.rollout.RingGate ring) {
            this.ring = Objects.requireNonNull(ring, "ring");
            return this;
        }

        /** True once the run must stop (SIGTERM): checked before each step; a running dnf is never interrupted here. */
        public Builder cancellation(java.util.function.BooleanSupplier cancellation) {
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
