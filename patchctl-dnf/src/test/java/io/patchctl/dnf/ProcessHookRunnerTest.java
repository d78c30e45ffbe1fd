package io.patchctl.dnf;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.hooks.HookContext;
import io.patchctl.core.hooks.HookPhase;
import io.patchctl.core.hooks.HookResult;
import io.patchctl.core.hooks.HookSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks as real processes: argv without a shell, the context in the environment, the tree killed at the timeout. */
class ProcessHookRunnerTest {

    @TempDir
    Path tmp;

    final ProcessHookRunner runner = new ProcessHookRunner();
    final Map<String, String> context = new HookContext("run-9", "/srv/root", List.of("curl"), List.of()).environment(HookPhase.PRE_INSTALL);

    Path script(String text) throws Exception {
        Path p = tmp.resolve("hook");
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void argumentsReachTheProgramAsTheyAre_noShellInBetween() throws Exception {
        Path hook = script("#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n");

        HookResult r = runner.run(HookPhase.PRE_INSTALL, HookSpec.of(List.of(hook.toString(), "web; rm -rf /", "$(id)", "a b"),
                Duration.ofSeconds(10)), context);

        assertThat(r.success()).isTrue();
        assertThat(r.outputTail()).isEqualTo("[web; rm -rf /]\n[$(id)]\n[a b]");
    }

    @Test
    void contextAndHookEnv_areInTheEnvironment_contextWins() throws Exception {
        Path hook = script("#!/bin/sh\necho \"$PATCHCTL_HOOK $PATCHCTL_RUN_ID $PATCHCTL_INSTALLROOT $PATCHCTL_PACKAGES $LB_NAME\"\n");

        HookResult r = runner.run(HookPhase.PRE_INSTALL, new HookSpec(List.of(hook.toString()), Duration.ofSeconds(10),
                Map.of("LB_NAME", "web")), context);

        assertThat(r.outputTail()).isEqualTo("pre_install run-9 /srv/root curl web");
    }

    @Test
    void failing_reportsExitCodeAndBothStreams() throws Exception {
        Path hook = script("#!/bin/sh\necho checking\necho 'token=abc123 broken' >&2\nexit 5\n");

        HookResult r = runner.run(HookPhase.POST_INSTALL, HookSpec.of(List.of(hook.toString()), Duration.ofSeconds(10)), context);

        assertThat(r.success()).isFalse();
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.error()).isEqualTo("post_install hook failed with exit code 5");
        assertThat(r.outputTail()).isEqualTo("checking\ntoken=[REDACTED] broken");
    }

    @Test
    void hanging_isKilledAtItsTimeout_withItsChildren() throws Exception {
        Path hook = script("#!/bin/sh\nsleep 300 &\necho $!\nwait\n");

        HookResult r = runner.run(HookPhase.PRE_INSTALL, HookSpec.of(List.of(hook.toString()), Duration.ofSeconds(1)), context);

        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isNull();
        assertThat(r.error()).isEqualTo("pre_install hook timed out after 1 s and was killed");
        long child = Long.parseLong(r.outputTail().strip());
        Path stat = Path.of("/proc/" + child + "/stat");
        // gone, or a zombie not yet reaped by pid 1: never still sleeping
        assertThat(!Files.exists(stat) || Files.readString(stat).matches("(?s)\\d+ \\(.*\\) Z .*")).as("child %d", child).isTrue();
    }

    @Test
    void missingProgram_couldNotStart() {
        HookResult r = runner.run(HookPhase.PRE_INSTALL, HookSpec.of(List.of("/nonexistent/drain"), Duration.ofSeconds(5)), context);

        assertThat(r.success()).isFalse();
        assertThat(r.exitCode()).isNull();
        assertThat(r.error()).startsWith("pre_install hook could not start: cannot start /nonexistent/drain");
    }
}
