package io.patchctl.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostRebootCheckTest {

    final List<String> calls = new ArrayList<>();
    final ScriptedHooks hooks = new ScriptedHooks(calls);
    final HookContext context = new HookContext("run-2", "/", List.of("kernel-core"), List.of("kernel-core-4.18.0-553.2.el8.x86_64"));
    static final HookSpec CHECK = HookSpec.of(List.of("/usr/local/sbin/health-check", "--after-reboot"), Duration.ofSeconds(90));

    @Test
    void withoutAPostRebootHook_runsNothing() {
        assertThat(new PostRebootCheck(new HookPolicy(CHECK, CHECK, null), hooks).run(context)).isEmpty();
        assertThat(new PostRebootCheck(null, hooks).run(context)).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void runsThePostRebootHook_withItsPhaseInTheContext_failureReported() {
        hooks.exits(4, "service web not running");

        HookResult r = new PostRebootCheck(new HookPolicy(null, null, CHECK), hooks).run(context).orElseThrow();

        assertThat(calls).containsExactly("hook post_reboot");
        assertThat(hooks.lastContext).containsEntry("PATCHCTL_HOOK", "post_reboot")
                .containsEntry("PATCHCTL_INSTALLED", "kernel-core-4.18.0-553.2.el8.x86_64");
        assertThat(r.success()).isFalse();
        assertThat(r.summary()).isEqualTo("post_reboot hook failed with exit code 4 (last output: service web not running)");
        assertThat(r.command()).containsExactly("/usr/local/sbin/health-check", "--after-reboot");
        assertThat(HooksReport.of(r).results()).containsExactly(r);
        assertThat(HooksReport.of(r).rollback()).isNull();
    }
}
