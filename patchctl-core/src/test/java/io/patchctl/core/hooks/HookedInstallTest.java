package io.patchctl.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.host.TransactionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hooks' decisions around one upgrade with a fake package manager; real dnf: HooksRollbackLabTest (agent). */
class HookedInstallTest {

    final List<String> calls = new ArrayList<>();
    final FakeHistoryDnf dnf = new FakeHistoryDnf(calls).add("curl", "7.61.1-33.el8", "7.61.1-34.el8")
            .add("openssl-libs", "1:1.1.1k-9.el8", "1:1.1.1k-12.el8");
    final ScriptedHooks hooks = new ScriptedHooks(calls);
    static final HookSpec CHECK = HookSpec.of(List.of("/usr/local/sbin/health-check"), Duration.ofSeconds(30));
    static final HookContext CONTEXT = new HookContext("run-1", "/srv/root", List.of("curl", "openssl-libs"), List.of());

    HookedInstall install(HookPolicy policy) {
        return new HookedInstall(policy, hooks, dnf, CONTEXT);
    }

    TransactionOutcome upgrade() {
        return dnf.upgrade(List.of("curl", "openssl-libs"));
    }

    @Test
    void failedHealthCheck_undoesTheIdRecordedBeforeTheHook_andChecksTheOldVersions() {
        HookedInstall install = install(new HookPolicy(null, CHECK, null));
        hooks.exits(1, "GET /health: 503\nunhealthy");
        TransactionOutcome apply = upgrade();

        HookedInstall.AfterUpgrade outcome = install.afterUpgrade(apply, dnf.updates);

        assertThat(outcome).isEqualTo(HookedInstall.AfterUpgrade.ROLLED_BACK);
        assertThat(calls).containsExactly("upgrade [curl, openssl-libs]", "history info last", "hook post_install",
                "undo 41", "rpm -q [curl, openssl-libs]");
        HooksReport report = install.report();
        assertThat(report.transactionId()).isEqualTo(41L);
        assertThat(report.rollback().success()).isTrue();
        assertThat(report.rollback().restored()).containsExactly("curl.x86_64 7.61.1-33.el8", "openssl-libs.x86_64 1:1.1.1k-9.el8");
        assertThat(install.describe(outcome)).isEqualTo("post_install hook failed with exit code 1 (last output: unhealthy);"
                + " rolled back dnf transaction 41: curl.x86_64 7.61.1-33.el8, openssl-libs.x86_64 1:1.1.1k-9.el8 back");
        assertThat(hooks.lastContext).containsEntry("PATCHCTL_INSTALLED",
                "curl-7.61.1-34.el8.x86_64 openssl-libs-1:1.1.1k-12.el8.x86_64").containsEntry("PATCHCTL_HOOK", "post_install");
    }

    @Test
    void healthCheckTimedOut_isAFailure_andRollsBack() {
        HookedInstall install = install(new HookPolicy(null, CHECK, null));
        hooks.hangs("waiting for port 8080");

        HookedInstall.AfterUpgrade outcome = install.afterUpgrade(upgrade(), dnf.updates);

        assertThat(outcome).isEqualTo(HookedInstall.AfterUpgrade.ROLLED_BACK);
        HookResult hook = install.result(HookPhase.POST_INSTALL).orElseThrow();
        assertThat(hook.timedOut()).isTrue();
        assertThat(hook.exitCode()).isNull();
        assertThat(hook.error()).isEqualTo("post_install hook timed out after 30 s and was killed");
    }

    @Test
    void healthCheckPasses_nothingUndone() {
        HookedInstall install = install(new HookPolicy(null, CHECK, null));

        assertThat(install.afterUpgrade(upgrade(), dnf.updates)).isEqualTo(HookedInstall.AfterUpgrade.PASSED);
        assertThat(calls).doesNotContain("undo 41");
        assertThat(install.report().rollback()).isNull();
        assertThat(dnf.installed).containsEntry("curl.x86_64", "7.61.1-34.el8");
    }

    @Test
    void lastTransactionNotOurs_undoesNothing_rollbackFailed() {
        HookedInstall install = install(new HookPolicy(null, CHECK, null));
        dnf.foreignTransactionLast = true;
        hooks.exits(2, "broken");

        HookedInstall.AfterUpgrade outcome = install.afterUpgrade(upgrade(), dnf.updates);

        assertThat(outcome).isEqualTo(HookedInstall.AfterUpgrade.ROLLBACK_FAILED);
        assertThat(calls).noneMatch(c -> c.startsWith("undo"));
        assertThat(install.describe(outcome)).contains("rollback of dnf transaction (unknown) failed")
                .contains("not the one this run made");
    }

    @Test
    void undoFails_rollbackFailedWithDnfsWords() {
        HookedInstall install = install(new HookPolicy(null, CHECK, null));
        dnf.undoFails = true;
        hooks.exits(1, "broken");

        HookedInstall.AfterUpgrade outcome = install.afterUpgrade(upgrade(), dnf.updates);

        assertThat(outcome).isEqualTo(HookedInstall.AfterUpgrade.ROLLBACK_FAILED);
        assertThat(install.report().rollback().error()).isEqualTo("dnf history undo 41: Error: No package curl-1-1.el8.x86_64 available.");
        assertThat(install.report().rollback().attempted()).isTrue();
    }

    @Test
    void undoLeavesAPackageAtTheNewVersion_rollbackFailedNamingIt() {
        HookedInstall install = install(new HookPolicy(null, CHECK, null));
        dnf.undoLeaves = "openssl-libs.x86_64";
        hooks.exits(1, "broken");

        HookedInstall.AfterUpgrade outcome = install.afterUpgrade(upgrade(), dnf.updates);

        assertThat(outcome).isEqualTo(HookedInstall.AfterUpgrade.ROLLBACK_FAILED);
        assertThat(install.report().rollback().notRestored())
                .containsExactly("openssl-libs.x86_64: expected 1:1.1.1k-9.el8, found 1:1.1.1k-12.el8");
        assertThat(install.report().rollback().restored()).containsExactly("curl.x86_64 7.61.1-33.el8");
    }

    @Test
    void rollbackCheck_onlyWithAPostInstallHook_oneCallForAllPackages() {
        assertThat(install(new HookPolicy(CHECK, null, CHECK)).checkRollbackPossible(dnf.updates, List.of("curl", "openssl-libs")))
                .isEmpty();
        assertThat(calls).isEmpty();

        dnf.unavailable.add("openssl-libs-1:1.1.1k-9.el8.x86_64");
        HookedInstall install = install(new HookPolicy(null, CHECK, null));
        assertThat(install.checkRollbackPossible(dnf.updates, List.of("curl", "openssl-libs")))
                .containsExactly("openssl-libs-1:1.1.1k-9.el8.x86_64");
        assertThat(calls).containsExactly("repoquery [curl-7.61.1-33.el8.x86_64, openssl-libs-1:1.1.1k-9.el8.x86_64]");
        assertThat(install.report().rollbackUnavailable()).containsExactly("openssl-libs-1:1.1.1k-9.el8.x86_64");
    }

    @Test
    void preInstall_getsTheContext_notInstalledYet() {
        HookedInstall install = install(new HookPolicy(CHECK, null, null));
        hooks.exits(0, "drained");

        HookResult pre = install.preInstall().orElseThrow();

        assertThat(pre.success()).isTrue();
        assertThat(hooks.lastContext).containsExactlyInAnyOrderEntriesOf(Map.of("PATCHCTL_HOOK", "pre_install",
                "PATCHCTL_RUN_ID", "run-1", "PATCHCTL_INSTALLROOT", "/srv/root", "PATCHCTL_PACKAGES", "curl openssl-libs",
                "PATCHCTL_INSTALLED", ""));
        assertThat(install.afterUpgrade(upgrade(), dnf.updates)).isEqualTo(HookedInstall.AfterUpgrade.NOT_RUN);
    }

    @Test
    void upgradeFailed_noHealthCheck() {
        HookedInstall install = install(new HookPolicy(null, CHECK, null));

        TransactionOutcome failed = new TransactionOutcome(false, 1, List.of(), "Error: ...", null, false);

        assertThat(install.afterUpgrade(failed, dnf.updates)).isEqualTo(HookedInstall.AfterUpgrade.NOT_RUN);
        assertThat(calls).isEmpty();
    }

    @Test
    void nameOf_handlesDashesInNamesAndEpochs() {
        assertThat(HookedInstall.nameOf("openssl-libs-1:1.1.1k-12.el8.x86_64")).isEqualTo("openssl-libs");
        assertThat(HookedInstall.nameOf("curl-7.61.1-34.el8.x86_64")).isEqualTo("curl");
    }

    @Test
    void hookOutput_isRedactedAndBounded() {
        String output = "x".repeat(10_000) + "\nconnecting with password=hunter2 to https://u:s3cret@lb.corp/\n";

        HookResult r = HookResult.of(HookPhase.PRE_INSTALL, CHECK, 1, false, 5, output, null);

        assertThat(r.outputTail()).hasSizeLessThanOrEqualTo(HookResult.MAX_TAIL_CHARS).startsWith("…")
                .contains("password=[REDACTED]", "u:[REDACTED]@lb.corp").doesNotContain("hunter2", "s3cret");
    }
}
