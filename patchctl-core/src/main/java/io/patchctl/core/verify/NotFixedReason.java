package io.patchctl.core.verify;

/** Why a fix is not in place; declared most serious first (an advisory takes its most serious package's reason). */
public enum NotFixedReason {
    /** Approved, but the transaction failed or left the package below the fixed EVR. */
    FAILED,
    /** Held because the update is quarantined after failures elsewhere ({@code HoldKind.QUARANTINED}). */
    QUARANTINED,
    /** Held by the policy or not planned by the advisor; the hold's reason is the detail. */
    HELD,
    /** A kernel installed at the fixed EVR that is not the running kernel: fixed only after a reboot. */
    NEEDS_REBOOT,
    /** Not installed and not held: the run changed nothing (scan-only, cancelled, transaction test failed). */
    PENDING
}
