package io.patchctl.core.report;

/**
 * COMPLIANT: every allowed security update is installed (only policy- or advisor-held updates remain).
 * NON_COMPLIANT: allowed updates remain (scan-only, or an update did not install).
 * FAILED: discovery or the transaction failed; the report carries the error.
 */
public enum RunStatus {
    COMPLIANT, NON_COMPLIANT, FAILED,
    /** SIGTERM (an SSM cancel or timeout) stopped the run between steps; the report says what was done. */
    CANCELLED,
    /** A post_install health check failed and the run's own dnf transaction was undone: the old versions are back. */
    ROLLED_BACK,
    /**
     * {@code reboot: if-needed}: updates installed and a reboot is needed (a new kernel, or needs-restarting);
     * the marker is written and the run exits 194 so that SSM reboots the host and runs it again.
     */
    REBOOT_PENDING
}
