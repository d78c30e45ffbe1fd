package io.patchctl.core.insights.event;

/** The input is not an event patchctl can read (not JSON, not an object, no detail, wrong types). */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
