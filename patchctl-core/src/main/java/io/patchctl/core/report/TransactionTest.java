package io.patchctl.core.report;

/** The dnf test transaction ({@code --setopt=tsflags=test}) that runs before anything changes. */
public record TransactionTest(boolean ran, boolean success, Integer exitCode, String error) {
    public static TransactionTest notRun() {
        return new TransactionTest(false, false, null, null);
    }
}
