package io.patchctl.cli.simulate;

/** What happened to one host of a cycle, as the scheduler sees it. */
public enum InvocationStatus {
    /** The host ran and its agent exited 0. */
    SUCCESS,
    /** The host ran and failed (non-zero exit or an exception): counts against max-errors. */
    FAILED,
    /** Never started: the cycle stopped launching hosts after max-errors was exceeded. */
    NOT_STARTED
}
