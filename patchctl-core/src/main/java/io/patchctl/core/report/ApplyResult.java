package io.patchctl.core.report;

import java.util.List;

/**
 * The real upgrade.
 *
 * @param installed  NEVRAs the transaction installed (name-[epoch:]version-release.arch)
 * @param outputTail the last lines of dnf's output, for the change record and failure analysis
 */
public record ApplyResult(boolean ran, boolean success, Integer exitCode, List<String> installed, String error,
                          String outputTail) {
    public ApplyResult {
        installed = installed == null ? List.of() : List.copyOf(installed);
    }

    public static ApplyResult notRun() {
        return new ApplyResult(false, false, null, List.of(), null, null);
    }
}
