package io.patchctl.core.campaign;

/** What one campaign id came to on one host. */
public enum CampaignStatus {
    /** Every package that fixes it was installed by this run (none of them is pending after it). */
    FIXED,
    /** No pending update on this host fixes it: already fixed, or the package is not installed. */
    NOT_APPLICABLE,
    /** The policy holds a package that fixes it (a kernel, a severity floor, a package cap, …); the reason says which. */
    HELD,
    /** Allowed but not installed: a scan-only or cancelled run. */
    PENDING,
    /** The run failed before it could fix it, or the transaction did not install it. */
    FAILED;

    /** Worst first: a host's campaign is as good as its worst id. */
    public boolean worseThan(CampaignStatus other) {
        return rank() > other.rank();
    }

    private int rank() {
        return switch (this) {
            case FIXED, NOT_APPLICABLE -> 0;
            case PENDING -> 1;
            case HELD -> 2;
            case FAILED -> 3;
        };
    }
}
