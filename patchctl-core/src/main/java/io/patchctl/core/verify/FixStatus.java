package io.patchctl.core.verify;

/** Whether a run leaves an advisory's (or a CVE's) fix in place on the host. */
public enum FixStatus {
    /** Every package of it is installed at or above the advisory's fixed EVR (a kernel: also running). */
    FIXED,
    /** At least one package is not; {@link NotFixedReason} says why. */
    NOT_FIXED,
    /** Asked for (a campaign's --cve/--advisory), but dnf reported no pending update of it on this host. */
    NOT_APPLICABLE
}
