package io.patchctl.core.campaign.fleet;

/** The fleet command could not be started or followed; the message says why in the operator's terms. */
public final class FleetCommandException extends RuntimeException {

    public FleetCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
