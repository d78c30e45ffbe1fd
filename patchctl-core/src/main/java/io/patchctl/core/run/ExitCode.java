package io.patchctl.core.run;

import io.patchctl.core.report.RunStatus;

/**
 * The documented process exit codes of both jars (docs/design.md). The numbers are a contract:
 * the SSM document, the platform's retries and operators' scripts read them.
 */
public enum ExitCode {
    /** Every approved security update installed; only policy-held updates remain (or: the command did its job). */
    COMPLIANT(0),
    /** Usage or configuration error; also an internal error (a bug), which is printed as such. */
    USAGE(1),
    /** Bad input: an unreadable or malformed policy file or event. */
    BAD_INPUT(2),
    /** Allowed updates remain. */
    NON_COMPLIANT(3),
    /** The patch transaction failed. */
    FAILED(4),
    /** A report could not be stored durably (a run's report is spooled locally), or the report store is unavailable. */
    NOT_STORED(5),
    /** SIGTERM stopped the run between steps (a running dnf was let finish); the report is stored or spooled. */
    CANCELLED(6),
    /** Another patchctl run holds the host's run lock; this one changed nothing and stored nothing. */
    BUSY(7),
    /**
     * A post_install hook (health check) failed; the run undid its own dnf transaction and the old versions are back.
     * SSM Agent reports it as a failed command, so the failure path analyses it: on Linux every exit code other
     * than 0, the reboot code 194 and the stopped-preemptively code is {@code ResultStatusFailed}
     * (aws/amazon-ssm-agent, agent/plugins/pluginutil/pluginutil_unix.go, {@code GetStatus}).
     */
    ROLLED_BACK(8),
    /**
     * Updates installed that need a reboot (policy {@code reboot: if-needed}): the SSM Agent reboots the host
     * and runs the document's script again (its RebootExitCode on Linux; see reboot/RebootCoordinator).
     */
    REBOOT_REQUESTED(194);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** The exit code of a finished run. */
    public static ExitCode of(RunStatus status) {
        return switch (status) {
            case COMPLIANT -> COMPLIANT;
            case NON_COMPLIANT -> NON_COMPLIANT;
            case CANCELLED -> CANCELLED;
            case ROLLED_BACK -> ROLLED_BACK;
            case REBOOT_PENDING -> REBOOT_REQUESTED;
            default -> FAILED;
        };
    }
}
