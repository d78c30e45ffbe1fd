package io.patchctl.agent;

import io.patchctl.core.run.ExitCode;

/**
 * A failure the commands expect and explain: its message is printed as {@code patchctl: <message>}
 * (no stack trace unless {@code --verbose}) and the process exits with its {@link ExitCode}.
 */
public class PatchctlException extends RuntimeException {

    private final ExitCode exitCode;

    public PatchctlException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = java.util.Objects.requireNonNull(exitCode, "exitCode");
    }

    public PatchctlException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
