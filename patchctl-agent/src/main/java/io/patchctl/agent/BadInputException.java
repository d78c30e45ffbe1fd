package io.patchctl.agent;

import io.patchctl.core.run.ExitCode;

/** An input file that cannot be used (malformed event, unreadable file): exit code 2. */
public class BadInputException extends PatchctlException {
    public BadInputException(String message, Throwable cause) {
        super(ExitCode.BAD_INPUT, message, cause);
    }

    public BadInputException(String message) {
        this(message, null);
    }
}
