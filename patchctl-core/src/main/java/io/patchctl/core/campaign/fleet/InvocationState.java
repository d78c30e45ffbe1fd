package io.patchctl.core.campaign.fleet;

/**
 * A Run Command status, of one host's invocation or of the whole command: the API enum
 * (CommandInvocationStatus: Pending, InProgress, Delayed, Success, Cancelled, TimedOut, Failed,
 * Cancelling; CommandStatus is the same without Delayed; botocore's SSM model). "Delivery Timed Out",
 * "Undeliverable", "Terminated", … are status details, carried beside it.
 */
public enum InvocationState {
    PENDING, IN_PROGRESS, DELAYED, SUCCESS, CANCELLED, TIMED_OUT, FAILED, CANCELLING;

    /** True once the invocation will not change any more (Cancelling still becomes Cancelled). */
    public boolean terminal() {
        return this == SUCCESS || this == CANCELLED || this == TIMED_OUT || this == FAILED;
    }
}
