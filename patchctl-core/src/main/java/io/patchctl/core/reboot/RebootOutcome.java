package io.patchctl.core.reboot;

/** What happened about a reboot in this run (RunReport {@code reboot.outcome}). */
public enum RebootOutcome {
    /** Policy reboot: never, or nothing installed needs a reboot. */
    NOT_REQUESTED,
    /** A marker was written and the run exits 194: SSM reboots the host and runs the document again. */
    REQUESTED,
    /** Resumed after the reboot and the expected kernel is running. */
    RESUMED_ON_NEW_KERNEL,
    /** Resumed after the reboot, but an older kernel is running: the run is FAILED with the evidence. */
    RESUMED_ON_OLD_KERNEL,
    /** A marker was found that cannot be used (corrupt, foreign): nothing was done, the file is kept. */
    MARKER_UNUSABLE
}
