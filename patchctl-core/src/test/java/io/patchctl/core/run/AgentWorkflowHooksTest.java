package io.patchctl.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.hooks.FakeHistoryDnf;
import io.patchctl.core.hooks.HookPolicy;
import io.patchctl.core.hooks.HookSpec;
import io.patchctl.core.hooks.ScriptedHooks;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How hooks change a run's steps and status (fake ports); through real dnf: HooksRollbackLabTest in the agent. */
class AgentWorkflowHooksTest {

    static final HookSpec CHECK = HookSpec.of(List.of("/usr/local/sbin/health-check"), Duration.ofSeconds(30));
    final List<String> calls = new ArrayList<>();
    final FakeHistoryDnf dnf = new FakeHistoryDnf(calls).add("curl", "7.61.1-33.el8", "7.61.1-34.el8");
    final ScriptedHooks hooks = new ScriptedHooks(calls);

    RunReport run(HookPolicy policy, boolean withRunner) {
        PatchPolicy p = PatchPolicy.builder().hooks(policy).build();
        AgentWorkflow.Builder b = AgentWorkflow.builder().packageManager(dnf);
        if (withRunner) {
            b.hookRunner(hooks);
        }
        return b.build().run(new RunRequest("dev", "i-0abc", "web-1", "/", RunMode.PATCH, p)).report();
    }

    @Test
    void failedHealthCheck_rolledBack_exit8_pendingAgain() {
        hooks.exits(1, "unhealthy");

        RunReport r = run(new HookPolicy(null, CHECK, null), true);

        assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(r.exitCode()).isEqualTo(ExitCode.ROLLED_BACK.code()).isEqualTo(8);
        assertThat(calls).containsExactly("discover", "repoquery [curl-7.61.1-33.el8.x86_64]", "upgrade [curl]",
                "history info last", "hook post_install", "undo 41", "rpm -q [curl]", "verify");
        assertThat(r.verification().remainingAllowed()).containsExactly("curl");
        assertThat(r.error()).startsWith("post_install hook failed with exit code 1 (last output: unhealthy); rolled back dnf transaction 41");
        assertThat(r.hooks().rollback().success()).isTrue();
    }

    @Test
    void rollbackFails_runFailed_exit4() {
        hooks.exits(1, "unhealthy");
        dnf.undoFails = true;

        RunReport r = run(new HookPolicy(null, CHECK, null), true);

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(r.error()).contains("post_install hook failed").contains("rollback of dnf transaction 41 failed: dnf history undo 41");
    }

    @Test
    void preInstallFails_upgradeNeverCalled() {
        hooks.exits(2, "drain refused");

        RunReport r = run(new HookPolicy(CHECK, CHECK, null), true);

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(calls).containsExactly("discover", "repoquery [curl-7.61.1-33.el8.x86_64]", "hook pre_install");
        assertThat(r.error()).isEqualTo("pre_install hook failed with exit code 2 (last output: drain refused); nothing was installed");
        assertThat(r.apply().ran()).isFalse();
    }

    @Test
    void rollbackImpossible_isNoted_beforeInstalling_andTheRunStillPatches() {
        dnf.unavailable.add("curl-7.61.1-33.el8.x86_64");

        RunReport r = run(new HookPolicy(null, CHECK, null), true);

        assertThat(r.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("rollback not possible for curl-7.61.1-33.el8.x86_64"));
        assertThat(r.hooks().rollbackUnavailable()).containsExactly("curl-7.61.1-33.el8.x86_64");
    }

    @Test
    void noHooks_noExtraCalls_noHooksSection() {
        RunReport r = run(HookPolicy.none(), true);

        assertThat(r.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(calls).containsExactly("discover", "upgrade [curl]", "verify");
        assertThat(r.hooks()).isNull();
    }

    @Test
    void onlyAPostRebootHook_addsNothingToThisRun() {
        RunReport r = run(new HookPolicy(null, null, CHECK), true);

        assertThat(calls).containsExactly("discover", "upgrade [curl]", "verify");
        assertThat(r.hooks()).isNull();
    }

    @Test
    void hooksButNoRunner_failsBeforeInstalling() {
        RunReport r = run(new HookPolicy(null, CHECK, null), false);

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).isEqualTo("the policy sets hooks but this agent has no hook runner: nothing was installed");
        assertThat(calls).containsExactly("discover");
    }
}
