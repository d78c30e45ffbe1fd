package io.patchctl.agent.workflow;

import io.patchctl.core.report.RunStatus;

/** The documented exit codes (DESIGN.md), in one place. */
public final class ExitCodes {
    public static final int COMPLIANT = 0;
    public static final int USAGE = 1;
    public static final int BAD_INPUT = 2;
    public static final int NON_COMPLIANT = 3;
    public static final int FAILED = 4;
    public static final int NOT_STORED = 5;

    private ExitCodes() {
    }

    public static int of(RunStatus status) {
        switch (status) {
            case COMPLIANT: return COMPLIANT;
            case NON_COMPLIANT: return NON_COMPLIANT;
            default: return FAILED;
        }
    }
}
