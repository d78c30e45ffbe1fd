package io.patchctl.agent;

/** An input file that cannot be used (malformed event, unreadable file): exit code 2. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public BadInputException(String message) {
        super(message);
    }
}
