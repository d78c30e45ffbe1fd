package io.patchctl.dnf.process;

import java.util.List;

/**
 * What a finished (or killed) process left behind.
 *
 * @param exitCode the exit status, or -1 when it was killed after its timeout or could not start
 * @param timedOut true when it was killed because it outlived its timeout
 */
public record ProcessResult(List<String> argv, int exitCode, String stdout, String stderr, boolean timedOut,
                            long durationMillis) {

    /** The last {@code lines} lines of stdout and stderr together, for reports. */
    public String tail(int lines) {
        return OutputText.tail(stdout + (stderr.isEmpty() ? "" : "\n" + stderr), lines);
    }
}
