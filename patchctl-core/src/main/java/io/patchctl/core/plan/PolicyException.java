package io.patchctl.core.plan;

/** A policy file that cannot be used: unreadable, not YAML, or with a wrong key or value. Exit code 2. */
public class PolicyException extends RuntimeException {
    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }

    public PolicyException(String message) {
        super(message);
    }
}
