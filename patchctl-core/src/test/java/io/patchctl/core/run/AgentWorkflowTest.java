package io.patchctl.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.PackageManagerException;
import io.patchctl.core.host.TransactionOutcome;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.testkit.InMemoryReportStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow's decisions with a fake package manager (the port); real dnf is covered by RunCommandLabTest. */
class AgentWorkflowTest {

    @TempDir
    Path tmp;

    static final RunRequest REQUEST = new RunRequest("dev", "i-0abc", "web-1", "/", RunMode.PATCH, PatchPolicy.defaults());

    /** Installs whatever it is asked; remembers every call. */
    static final class FakeDnf implements PackageManager {
        final List<SecurityUpdate> pending = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        boolean failUpgrade;
        boolean testsFirst;
        /** With testsFirst: the upgrade stops at its own transaction test and changes nothing. */
        boolean failOwnTest;
        RuntimeException discoveryError;

        FakeDnf add(String name, Severity severity) {
            pending.add(new SecurityUpdate("RHSA-2026:" + (1000 + pending.size()), severity, List.of(), name, "x86_64",
                    "1-1.el8", "1-2.el8"));
            return this;
        }

        @Override
        public List<SecurityUpdate> discoverSecurityUpdates() {
            calls.add("discover");
            if (discoveryError != null) {
                throw discoveryError;
            }
            return List.copyOf(pending);
        }

        @Override
        public Set<String> pendingSecurityPackages() {
            calls.add("verify");
            Set<String> names = new LinkedHashSet<>();
            pending.forEach(u -> names.add(u.name()));
            return names;
        }

        @Override
        public TransactionOutcome testUpgrade(List<String> names) {
            calls.add("test " + names);
            return new TransactionOutcome(true, 0, List.of(), null, "Transaction test succeeded.");
        }

        @Override
        public TransactionOutcome upgrade(List<String> names) {
            calls.add("upgrade " + names);
            if (failOwnTest) {
                return new TransactionOutcome(false, 1, List.of(), "Error: Transaction test error: file /x conflicts",
                        "Error: Transaction test error:", false);
            }
            if (failUpgrade) {
                return new TransactionOutcome(false, 1, List.of(), "Error: Transaction failed", "Error: Transaction failed");
            }
            pending.removeIf(u -> names.contains(u.name()));
            return new TransactionOutcome(true, 0, names.stream().map(n -> n + "-1-2.el8.x86_64").toList(), null, "Complete!");
        }

        @Override
        public Optional<Boolean> rebootNeeded() {
            calls.add("needs-restarting");
            return Optional.of(false);
        }

        @Override
        public int invocations() {
            return calls.size();
        }

        @Override
        public boolean upgradeTestsFirst() {
            return testsFirst;
        }
    }

    private AgentWorkflow.Builder workflow(FakeDnf dnf) {
        return AgentWorkflow.builder().packageManager(dnf)
                .clock(Clock.fixed(Instant.parse("2026-11-26T14:30:00Z"), ZoneOffset.UTC))
                .runIds(() -> UUID.fromString("3f1c2a9e-0000-4000-8000-000000000001"));
    }

    @Test
    void run_allowedAndKernel_installsAllowedAndIsCompliant() {
        FakeDnf dnf = new FakeDnf().add("openssl-libs", Severity.IMPORTANT).add("kernel-core", Severity.IMPORTANT);

        RunReport report = workflow(dnf).build().run(REQUEST).report();

        assertThat(report.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(report.exitCode()).isZero();
        assertThat(dnf.calls).containsExactly("discover", "test [openssl-libs]", "upgrade [openssl-libs]", "verify",
                "needs-restarting");
        assertThat(report.verification().remainingHeld()).containsExactly("kernel-core");
        assertThat(report.rebootNeeded()).isFalse();
        assertThat(report.dnfInvocations()).isEqualTo(5);
    }

    @Test
    void run_upgradeTestsFirst_skipsTheSeparateTestAndRecordsDnfsOwn() {
        FakeDnf dnf = new FakeDnf().add("openssl-libs", Severity.IMPORTANT).add("kernel-core", Severity.IMPORTANT);
        dnf.testsFirst = true;

        RunReport report = workflow(dnf).build().run(REQUEST).report();

        assertThat(report.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(dnf.calls).containsExactly("discover", "upgrade [openssl-libs]", "verify", "needs-restarting");
        assertThat(report.transactionTest().ran()).isTrue();
        assertThat(report.transactionTest().success()).isTrue();
        assertThat(report.dnfInvocations()).isEqualTo(4);
    }

    @Test
    void run_upgradeTestsFirst_ownTestFails_isFailedNothingChangedNoVerification() {
        FakeDnf dnf = new FakeDnf().add("openssl-libs", Severity.IMPORTANT);
        dnf.testsFirst = true;
        dnf.failOwnTest = true;

        RunReport report = workflow(dnf).build().run(REQUEST).report();

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(report.error()).startsWith("transaction test failed, nothing was changed:").contains("conflicts");
        assertThat(report.transactionTest().success()).isFalse();
        assertThat(report.transactionTest().exitCode()).isEqualTo(1);
        assertThat(report.apply().ran()).isFalse();
        assertThat(dnf.calls).containsExactly("discover", "upgrade [openssl-libs]");
    }

    @Test
    void run_storeDown_spoolsReportAndExitsFive() throws Exception {
        FakeDnf dnf = new FakeDnf().add("curl", Severity.CRITICAL);
        InMemoryReportStore down = new InMemoryReportStore();
        down.setDown(true);

        RunOutcome outcome = workflow(dnf).store(down).spoolDir(tmp.resolve("spool")).build().run(REQUEST);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.NOT_STORED.code());
        assertThat(outcome.report().status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(outcome.report().error()).contains("report not stored durably").contains("memory: in-memory store is down (test)");
        Path spooled = Path.of(outcome.spooledTo());
        assertThat(spooled).startsWith(tmp.resolve("spool"))
                .hasFileName("20261126T143000Z-3f1c2a9e.json");
        RunReport fromSpool = Json.mapper().readValue(Files.readAllBytes(spooled), RunReport.class);
        assertThat(fromSpool).isEqualTo(outcome.report());
    }

    @Test
    void run_advisorThrows_fallsBackToRulesWithReason() {
        FakeDnf dnf = new FakeDnf().add("curl", Severity.CRITICAL);

        RunReport report = workflow(dnf).advisor((u, p) -> {
            throw new IllegalStateException("model said no");
        }).build().run(REQUEST).report();

        assertThat(report.advisor().kind()).isEqualTo("rules");
        assertThat(report.advisor().fallbackReason()).isEqualTo("advisor failed: model said no");
        assertThat(report.approved()).containsExactly("curl");
        assertThat(report.status()).isEqualTo(RunStatus.COMPLIANT);
    }

    @Test
    void run_discoveryFails_isFailedWithoutTransaction() {
        FakeDnf dnf = new FakeDnf();
        dnf.discoveryError = new PackageManagerException("dnf updateinfo list --security timed out after 3 s");

        RunReport report = workflow(dnf).build().run(REQUEST).report();

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.exitCode()).isEqualTo(4);
        assertThat(report.error()).isEqualTo("discovery failed: dnf updateinfo list --security timed out after 3 s");
        assertThat(dnf.calls).containsExactly("discover");
    }

    @Test
    void run_upgradeFails_isFailedButStillVerified() {
        FakeDnf dnf = new FakeDnf().add("curl", Severity.CRITICAL);
        dnf.failUpgrade = true;

        RunReport report = workflow(dnf).build().run(REQUEST).report();

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.exitCode()).isEqualTo(4);
        assertThat(report.verification().remainingAllowed()).containsExactly("curl");
        assertThat(report.error()).isEqualTo("upgrade failed: Error: Transaction failed");
        assertThat(report.rebootNeeded()).isNull();
    }

    @Test
    void run_hookFails_doesNotChangeTheOutcome() {
        FakeDnf dnf = new FakeDnf();
        List<RunReport> seen = new ArrayList<>();

        RunOutcome outcome = workflow(dnf).hook(r -> {
            throw new IllegalStateException("ssm down");
        }).hook(seen::add).build().run(REQUEST);

        assertThat(outcome.exitCode()).isZero();
        assertThat(seen).containsExactly(outcome.report());
    }

    /** SIGTERM arriving after the n-th package-manager call: the run stops before the next step. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "0|''|before checking the package database",
            "1|discover|before planning",
            "2|discover,test [openssl-libs]|before the upgrade",
            "3|discover,test [openssl-libs],upgrade [openssl-libs],verify|before reporting"})
    void run_cancelledAfterEachStep_stopsBeforeTheNextAndReportsCancelled(int after, String calls, String where) {
        FakeDnf dnf = new FakeDnf().add("openssl-libs", Severity.IMPORTANT);
        InMemoryReportStore store = new InMemoryReportStore();

        RunOutcome outcome = workflow(dnf).store(store).cancellation(() -> dnf.calls.size() >= after).build().run(REQUEST);

        List<String> expected = calls.isEmpty() ? List.of() : List.of(calls.split(","));
        assertThat(dnf.calls).containsExactlyElementsOf(expected);
        assertThat(outcome.report().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.CANCELLED.code());
        assertThat(outcome.report().error()).contains("cancelled (SIGTERM) " + where);
        assertThat(outcome.storedAt()).hasSize(1);
        // SSM hears "non-compliant" unless the upgrade was done and verified before the signal
        if (after < 3) {
            assertThat(io.patchctl.core.compliance.ComplianceItems.of(outcome.report()))
                    .anySatisfy(i -> assertThat(i.status()).isEqualTo("NON_COMPLIANT"));
        }
    }

    @Test
    void run_unhealthyPackageDb_plansNothing_andRepairRunsOnlyWithFix() {
        FakeDnf dnf = new FakeDnf().add("openssl-libs", Severity.IMPORTANT);
        List<String> repairs = new ArrayList<>();
        io.patchctl.core.host.PackageDbHealth broken = new io.patchctl.core.host.PackageDbHealth(true, 300, null,
                List.of("openssl-libs.x86_64 (1-1.el8, 1-2.el8)"), List.of(), "transaction 7", List.of());
        java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();
        PackageManager withHealth = new PackageManager() {
            public List<SecurityUpdate> discoverSecurityUpdates() { return dnf.discoverSecurityUpdates(); }
            public Set<String> pendingSecurityPackages() { return dnf.pendingSecurityPackages(); }
            public TransactionOutcome testUpgrade(List<String> n) { return dnf.testUpgrade(n); }
            public TransactionOutcome upgrade(List<String> n) { return dnf.upgrade(n); }
            public Optional<Boolean> rebootNeeded() { return dnf.rebootNeeded(); }
            public int invocations() { return dnf.invocations(); }
            public io.patchctl.core.host.PackageDbHealth checkHealth() {
                return fixed.get() ? new io.patchctl.core.host.PackageDbHealth(true, 300, null, List.of(), List.of(), null, List.of())
                        : broken;
            }
            public List<String> repair(io.patchctl.core.host.PackageDbHealth found) {
                repairs.add("remove duplicates");
                fixed.set(true);
                return List.of("dnf remove --duplicates -y: ok");
            }
        };

        RunReport reported = AgentWorkflow.builder().packageManager(withHealth).build().run(REQUEST).report();
        assertThat(reported.status()).isEqualTo(RunStatus.FAILED);
        assertThat(reported.error()).contains("1 duplicate packages").contains("transaction 7");
        assertThat(dnf.calls).isEmpty();
        assertThat(repairs).isEmpty();

        RunRequest fix = new RunRequest("dev", "i-0abc", "web-1", "/", RunMode.PATCH,
                PatchPolicy.defaults().withRepair(PatchPolicy.RepairMode.FIX));
        RunReport repaired = AgentWorkflow.builder().packageManager(withHealth).build().run(fix).report();
        assertThat(repairs).containsExactly("remove duplicates");
        assertThat(repaired.packageDb().repairs()).containsExactly("dnf remove --duplicates -y: ok");
        assertThat(repaired.status()).isEqualTo(RunStatus.COMPLIANT);
    }

    @Test
    void run_tenThousandRejectedNames_keepsTheCountAndListsTheFirstFifty() {
        FakeDnf dnf = new FakeDnf().add("openssl-libs", Severity.IMPORTANT);
        List<String> junk = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            junk.add("not-reported-" + i);
        }
        io.patchctl.core.plan.Advisor flood = (u, p) -> new io.patchctl.core.plan.AdvisorOutcome(
                new io.patchctl.core.plan.PatchPlan(junk, List.of(), io.patchctl.core.plan.Risk.LOW, "x"),
                io.patchctl.core.plan.AdvisorInfo.rules(0));

        RunReport report = workflow(dnf).advisor(flood).build().run(REQUEST).report();

        assertThat(report.rejectedTotal()).isEqualTo(10_000);
        assertThat(report.rejected()).hasSize(RunReport.MAX_REJECTED_LISTED);
        assertThat(Json.bytes(report).length).isLessThan(64 * 1024);
    }
}
