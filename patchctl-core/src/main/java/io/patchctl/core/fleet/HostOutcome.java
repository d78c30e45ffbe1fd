package io.patchctl.core.fleet;

/** A host's outcome in a cycle: the RunReport statuses, plus hosts a cycle never started. */
public enum HostOutcome {
    COMPLIANT, NON_COMPLIANT, FAILED, NOT_STARTED;

    /** Reads a RunReport status; anything unknown is FAILED so a problem is never shown as green. */
    public static HostOutcome parse(String status) {
        if (status == null) {
            return FAILED;
        }
        try {
            return valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            return FAILED;
        }
    }

    /** "Non-compliant": the label people read. */
    public String label() {
        switch (this) {
            case COMPLIANT: return "Compliant";
            case NON_COMPLIANT: return "Non-compliant";
            case FAILED: return "Failed";
            default: return "Not started";
        }
    }
}
