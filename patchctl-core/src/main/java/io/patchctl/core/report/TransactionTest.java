package io.patchctl.core.report;

/**
 * The dnf test transaction that runs before anything changes: a separate {@code --setopt=tsflags=test}
 * call, or dnf's own test inside the upgrade (then {@code exitCode} is null when it passed: no process
 * of its own).
 */
public record TransactionTest(boolean ran, boolean success, Integer exitCode, String error) {
    public static TransactionTest notRun() {
        return new TransactionTest(false, false, null, null);
    }
}
