package io.patchctl.lab;

import io.patchctl.dnf.process.ProcessResult;
import io.patchctl.dnf.process.ProcessRunner;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the lab's tools (rpmbuild, createrepo_c, rpm) through patchctl-dnf's {@link ProcessRunner}: the
 * one place that starts processes (argument vectors, timeouts, whole-tree kills, bounded capture).
 */
final class Commands {

    private static final ProcessRunner RUNNER = new ProcessRunner();

    private Commands() {
    }

    /** @return stdout; @throws LabException naming the command, its exit code and the tail of its stderr */
    static String run(List<String> argv, Map<String, String> env, Duration timeout) {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("LC_ALL", "C");
        ProcessResult result = RUNNER.run(argv, environment, timeout);
        if (result.timedOut()) {
            throw new LabException(String.join(" ", argv) + " timed out after " + timeout.toSeconds() + " s");
        }
        if (result.exitCode() == -1 && result.stderr().startsWith("cannot start")) {
            throw new LabException(argv.get(0) + " could not be started (" + result.stderr()
                    + "); run scripts/install-deps.sh to install rpm, dnf, createrepo-c and busybox-static");
        }
        if (result.exitCode() != 0) {
            throw new LabException(String.join(" ", argv) + " exited " + result.exitCode() + ": " + tail(result.stderr()));
        }
        return result.stdout();
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() > 2000 ? "…" + t.substring(t.length() - 2000) : t;
    }
}
