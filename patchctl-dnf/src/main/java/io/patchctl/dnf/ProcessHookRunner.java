package io.patchctl.dnf;

import io.patchctl.core.hooks.HookPhase;
import io.patchctl.core.hooks.HookResult;
import io.patchctl.core.hooks.HookRunner;
import io.patchctl.core.hooks.HookSpec;
import io.patchctl.dnf.process.ProcessResult;
import io.patchctl.dnf.process.ProcessRunner;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HookRunner port on {@link ProcessRunner}: the hook's argument vector as it is (no shell), the
 * agent's environment plus the hook's {@code env} plus the PATCHCTL_* context, stdin from /dev/null,
 * both streams captured, and its whole process tree killed at its timeout. It runs on the host, never
 * chrooted into an installroot: the hook reads {@code PATCHCTL_INSTALLROOT} to look there.
 */
public final class ProcessHookRunner implements HookRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessHookRunner.class);
    private static final int TAIL_LINES = 40;

    private final ProcessRunner runner;

    public ProcessHookRunner() {
        // no transaction grace: that is for dnf inside rpm's transaction; a hook is killed at its timeout
        this(new ProcessRunner(Duration.ZERO));
    }

    public ProcessHookRunner(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public HookResult run(HookPhase phase, HookSpec spec, Map<String, String> context) {
        Map<String, String> env = new HashMap<>(spec.environment());
        env.putAll(context);
        ProcessResult r = runner.run(spec.command(), env, spec.timeout());
        // ProcessRunner says "cannot start" with exit -1 and nothing on stdout
        String startError = !r.timedOut() && r.exitCode() == -1 && r.stdout().isEmpty() && r.stderr().startsWith("cannot start ")
                ? r.stderr() : null;
        HookResult result = HookResult.of(phase, spec, r.timedOut() || startError != null ? null : r.exitCode(), r.timedOut(),
                r.durationMillis(), startError != null ? "" : r.tail(TAIL_LINES), startError);
        LOG.info("hook phase={} success={} exit={} timedOut={} millis={}", phase.key(), result.success(), result.exitCode(),
                result.timedOut(), r.durationMillis());
        return result;
    }
}
