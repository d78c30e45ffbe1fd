package io.patchctl.core.host;

import java.util.List;

/**
 * The result of a test or real transaction.
 *
 * @param installed  NEVRAs installed (empty for a test transaction)
 * @param error      the package manager's error text when it failed, else null
 * @param outputTail the last lines of its output
 */
public record TransactionOutcome(boolean success, int exitCode, List<String> installed, String error, String outputTail) {
    public TransactionOutcome {
        installed = installed == null ? List.of() : List.copyOf(installed);
    }
}
