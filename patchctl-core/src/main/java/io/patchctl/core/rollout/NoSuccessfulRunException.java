package io.patchctl.core.rollout;

/** A promotion from a ring that has no recorded successful install: there is nothing it could approve. */
public final class NoSuccessfulRunException extends RuntimeException {

    public NoSuccessfulRunException(String message) {
        super(message);
    }
}
