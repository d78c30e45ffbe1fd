package io.patchctl.core.reboot;

import java.util.List;

/**
 * The RunReport's {@code reboot} section (null when the policy is reboot: never and no marker was found).
 *
 * @param mode             the policy's reboot mode ({@code never} | {@code if-needed})
 * @param reason           why a reboot was requested, or what the resumed run found
 * @param expectedKernel   the kernel EVR that must run after the reboot
 * @param runningKernel    {@code uname -r} as this run read it
 * @param installedKernels installed kernel EVRs, newest first
 * @param resumedFromRunId the run that requested the reboot (in a resumed run)
 * @param marker           the marker file's path
 */
public record RebootSection(String mode, RebootOutcome outcome, String reason, String expectedKernel, String runningKernel,
                            List<String> installedKernels, String resumedFromRunId, String marker) {
    public RebootSection {
        installedKernels = installedKernels == null ? List.of() : List.copyOf(installedKernels);
    }
}
