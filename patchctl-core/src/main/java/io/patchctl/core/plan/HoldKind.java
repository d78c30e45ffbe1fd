package io.patchctl.core.plan;

/**
 * Who held a package, machine-readable beside {@link HeldPackage#reason()}: the fix verification
 * (core/verify) maps it to why a CVE is not fixed. New hold sources add a constant here.
 */
public enum HoldKind {
    /** The policy file (hold_packages, minimum_severity, max_packages, hold_reboot_packages, reboot: never). */
    POLICY,
    /** The advisor chose not to plan it although the policy allows it. */
    ADVISOR,
    /** A circuit breaker quarantined the update after it failed on other hosts (issue 14 §4). */
    QUARANTINED
}
