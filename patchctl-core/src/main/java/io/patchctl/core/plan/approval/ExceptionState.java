package io.patchctl.core.plan.approval;

/** Where an exception stands on the day of a run. */
public enum ExceptionState {
    /** In force, and not lapsing within {@link ApprovalRules#LAPSING_WITHIN_DAYS} days (or never: no expiry). */
    ACTIVE,
    /** In force, but lapses within {@link ApprovalRules#LAPSING_WITHIN_DAYS} days: time to renew it or patch. */
    LAPSING,
    /** Expired: the updates it held are allowed again. */
    LAPSED
}
