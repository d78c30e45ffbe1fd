package io.patchctl.core.reboot;

import io.patchctl.core.advisory.SecurityUpdate;
import java.time.Instant;
import java.util.List;

/**
 * The pending-reboot state file ({@value RebootMarkerFile#FILE_NAME} in the agent's state directory):
 * written by a run that installed a kernel (or that {@code needs-restarting -r} says needs a reboot) just
 * before it exits 194; read by the run SSM starts again after the reboot.
 *
 * @param expectedKernel EVR of the newest installed kernel (what must be running after the reboot); null when
 *                       the reboot was asked for by needs-restarting alone (no kernel installed)
 * @param kernelBefore   {@code uname -r} when the reboot was requested (null if unknown)
 * @param installedKernels installed kernel EVRs after the upgrade, newest first
 * @param awaiting       the updates fixed only once the new kernel runs; verified by the resumed run
 */
public record RebootMarker(String schema, String runId, Instant requestedAt, String environment, String instanceId,
                           String installroot, String expectedKernel, String kernelBefore, List<String> installedKernels,
                           List<SecurityUpdate> awaiting) {

    public static final String SCHEMA = "patchctl.reboot-marker/v1";

    public RebootMarker {
        installedKernels = installedKernels == null ? List.of() : List.copyOf(installedKernels);
        awaiting = awaiting == null ? List.of() : List.copyOf(awaiting);
    }
}
