package io.patchctl.core.report;

import java.util.List;

/**
 * Discovery repeated after the upgrade.
 *
 * @param remainingAllowed packages with pending security updates the policy allows: non-empty means NON_COMPLIANT
 * @param remainingHeld    packages with pending updates that are held (kernel…): they do not affect compliance
 */
public record Verification(boolean ran, List<String> remainingAllowed, List<String> remainingHeld) {
    public Verification {
        remainingAllowed = remainingAllowed == null ? List.of() : List.copyOf(remainingAllowed);
        remainingHeld = remainingHeld == null ? List.of() : List.copyOf(remainingHeld);
    }

    public static Verification notRun() {
        return new Verification(false, List.of(), List.of());
    }
}
