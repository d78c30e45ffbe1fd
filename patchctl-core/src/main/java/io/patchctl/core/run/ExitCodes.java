package io.patchctl.core.run;

import io.patchctl.core.report.RunStatus;

/** The documented exit codes (docs/design.md), in one place. */
public final class ExitCodes {
    public static final int COMPLIANT = 0;
    public static final int USAGE = 1;
    public static final int BAD_INPUT = 2;
    public static final int NON_COMPLIANT = 3;
    public static final int FAILED = 4;
    public static final int NOT_STORED = 5;
    /** SIGTERM stopped the run between steps (a running dnf was let finish); the report is stored or spooled. */
    public static final int CANCELLED = 6;
    /** Another patchctl run holds the host's run lock; this one changed nothing and stored nothing. */
    public static final int BUSY = 7;

    private ExitCodes() {
    }

    public static int of(RunStatus status) {
        switch (status) {
            case COMPLIANT: return COMPLIANT;
            case NON_COMPLIANT: return NON_COMPLIANT;
            case CANCELLED: return CANCELLED;
            default: return FAILED;
        }
    }
}
