package io.patchctl.core.host;

import java.util.List;

/**
 * The result of a test or real transaction.
 *
 * @param installed  NEVRAs installed (empty for a test transaction)
 * @param error      the package manager's error text when it failed, else null
 * @param outputTail the last lines of its output
 * @param testPassed for a real transaction whose package manager tests it first (see
 *                   {@link PackageManager#upgradeTestsFirst()}): whether that test passed, so that nothing
 *                   changed when it is false; null when unknown or not applicable
 */
public record TransactionOutcome(boolean success, int exitCode, List<String> installed, String error, String outputTail,
                                 Boolean testPassed) {
    public TransactionOutcome {
        installed = installed == null ? List.of() : List.copyOf(installed);
    }

    /** An outcome that says nothing about a test inside the transaction. */
    public TransactionOutcome(boolean success, int exitCode, List<String> installed, String error, String outputTail) {
        this(success, exitCode, installed, error, outputTail, null);
    }
}
