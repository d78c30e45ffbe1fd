package io.patchctl.core.reboot;

import io.patchctl.core.advisory.RpmVersion;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.InstalledState;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.RunningKernel;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.verify.FixReport;
import io.patchctl.core.verify.FixVerification;
import io.patchctl.core.verify.KernelPackages;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reboot-and-resume ({@code reboot: if-needed}): decides after an install whether the host must reboot
 * (a newly installed kernel is not the one running, or {@code needs-restarting -r} says so) and writes
 * the marker; and, at the start of the run SSM starts again after the reboot, reads the marker and
 * compares the running kernel with the expected one.
 *
 * <p>Why exit 194: the SSM Agent maps a Linux script's exit code 194 ({@code appconfig.RebootExitCode},
 * agent/appconfig/constants_unix.go) to {@code ResultStatusSuccessAndReboot} (agent/plugins/pluginutil/
 * pluginutil_unix.go {@code GetStatus}, used by agent/plugins/runscript/runscript.go); the document is then
 * left in progress and the agent reboots ({@code rebooter.RequestPendingReboot} in agent/framework/processor/
 * processor.go; {@code /sbin/shutdown -r +1} in agent/rebooter/rebooter_unix.go). After the reboot the agent
 * resumes the document: a plugin whose status is SuccessAndReboot is reset to InProgress and executed
 * again from its start (agent/framework/runpluginutil/runpluginutil.go), so the same {@code patchctl run}
 * starts again and finds the marker. (aws/amazon-ssm-agent at 1c217c89b42de51d4f4063363d8ec1f2eef56055.)
 */
public final class RebootCoordinator {

    private final RebootMarkerFile file;
    private final RunningKernel runningKernel;
    private final Clock clock;

    public RebootCoordinator(RebootMarkerFile file, RunningKernel runningKernel, Clock clock) {
        this.file = file;
        this.runningKernel = runningKernel;
        this.clock = clock;
    }

    public Optional<String> runningKernel() {
        return runningKernel.release();
    }

    /** What the start of a run found. */
    public enum ResumeKind { NONE, ON_NEW_KERNEL, ON_OLD_KERNEL, UNUSABLE }

    /**
     * @param section  null for NONE
     * @param awaiting the fix verification of the updates that waited for the reboot (null for NONE/UNUSABLE)
     * @param error    why the run fails (ON_OLD_KERNEL, UNUSABLE)
     */
    public record Resume(ResumeKind kind, RebootSection section, FixReport awaiting, String error) {
        public boolean resumed() {
            return kind == ResumeKind.ON_NEW_KERNEL || kind == ResumeKind.ON_OLD_KERNEL;
        }
    }

    /** Which host and root a run patches: a marker names them, and one naming others is not acted on. */
    public record Target(String environment, String instanceId, String installroot) {
    }

    /**
     * Reads the marker. A usable one is removed once read (its content is in this run's report, so a host
     * that keeps booting the old kernel is reported FAILED once, not rebooted in a loop). An unusable one is
     * left where it is, untouched.
     */
    public Resume resume(Target request, PatchPolicy.RebootMode mode, PackageManager packageManager) {
        RebootMarkerFile.Read read = file.read(request.instanceId(), request.installroot());
        if (!read.present()) {
            return new Resume(ResumeKind.NONE, null, null, null);
        }
        if (read.marker().isEmpty()) {
            String error = "reboot marker " + file.path() + " " + read.problem() + "; nothing was done and the file was left"
                    + " as it is: inspect it, then delete it to let patchctl run again";
            return new Resume(ResumeKind.UNUSABLE, new RebootSection(mode.label(), RebootOutcome.MARKER_UNUSABLE,
                    read.problem(), null, runningKernel().orElse(null), List.of(), null, file.path().toString()), null, error);
        }
        RebootMarker marker = read.marker().get();
        Set<String> names = new LinkedHashSet<>();
        marker.awaiting().forEach(u -> names.add(u.name()));
        Map<String, List<String>> installed = packageManager.installedVersions(names);
        List<String> kernels = kernels(installed);
        Optional<String> running = runningKernel();
        FixReport awaiting = new FixVerification(marker.awaiting(), List.of(), names, null, running, List.of()).verify(installed);
        file.clear();
        String expected = marker.expectedKernel();
        boolean onNew = expected == null || running.map(r -> KernelPackages.runningAtLeast(r, expected)).orElse(false);
        if (onNew) {
            String reason = expected == null ? "resumed after the reboot needs-restarting asked for (no new kernel to compare)"
                    : "resumed on the expected kernel " + running.orElseThrow();
            return new Resume(ResumeKind.ON_NEW_KERNEL, new RebootSection(mode.label(), RebootOutcome.RESUMED_ON_NEW_KERNEL,
                    reason, expected, running.orElse(null), kernels, marker.runId(), file.path().toString()), awaiting, null);
        }
        String evidence = "expected kernel " + expected + ", running " + running.orElse("unknown (cannot read uname -r)")
                + " (before the reboot: " + marker.kernelBefore() + "); installed kernels: "
                + (kernels.isEmpty() ? marker.installedKernels() : kernels);
        return new Resume(ResumeKind.ON_OLD_KERNEL, new RebootSection(mode.label(), RebootOutcome.RESUMED_ON_OLD_KERNEL,
                evidence, expected, running.orElse(null), kernels.isEmpty() ? marker.installedKernels() : kernels,
                marker.runId(), file.path().toString()),
                awaiting, "the host came back from the reboot on an older kernel than the one installed: " + evidence);
    }

    /**
     * After a successful install under {@code reboot: if-needed}: writes the marker and returns a REQUESTED
     * section when a reboot is needed; else a NOT_REQUESTED one saying why not.
     *
     * @param rebootNeeded what {@code needs-restarting -r} said (null: unknown)
     */
    public RebootSection afterInstall(PatchPolicy.RebootMode mode, String runId, Target request,
                                      List<SecurityUpdate> discovered, InstalledState state, Boolean rebootNeeded) {
        Optional<String> running = runningKernel();
        List<String> kernels = kernels(state.installed());
        List<SecurityUpdate> awaiting = new ArrayList<>();
        for (SecurityUpdate u : discovered) {
            if (!KernelPackages.isBootedKernel(u.name())) {
                continue;
            }
            List<String> evrs = state.installed().getOrDefault(u.name() + "." + u.arch(), state.installed().get(u.name()));
            boolean installedNow = evrs != null && !evrs.isEmpty() && RpmVersion.compareEvr(evrs.get(0), u.availableEvr()) >= 0;
            boolean runs = running.map(r -> KernelPackages.runningAtLeast(r, u.availableEvr())).orElse(false);
            if (installedNow && !runs) {
                awaiting.add(u);
            }
        }
        String expected = awaiting.isEmpty() || kernels.isEmpty() ? null : kernels.get(0);
        boolean needed = !awaiting.isEmpty() || Boolean.TRUE.equals(rebootNeeded);
        if (!needed) {
            return new RebootSection(mode.label(), RebootOutcome.NOT_REQUESTED, "no new kernel to boot and needs-restarting"
                    + " did not ask for a reboot", null, running.orElse(null), kernels, null, null);
        }
        String reason = !awaiting.isEmpty()
                ? "kernel " + expected + " installed, running " + running.orElse("unknown")
                : "dnf needs-restarting -r: a reboot is needed";
        try {
            file.write(new RebootMarker(RebootMarker.SCHEMA, runId, clock.instant(), request.environment(),
                    request.instanceId(), request.installroot(), expected, running.orElse(null), kernels, awaiting));
        } catch (UncheckedIOException e) {
            return new RebootSection(mode.label(), RebootOutcome.NOT_REQUESTED, reason + ", but the marker could not be"
                    + " written (" + e.getMessage() + "): not rebooting, as the resumed run could not verify the kernel",
                    expected, running.orElse(null), kernels, null, file.path().toString());
        }
        return new RebootSection(mode.label(), RebootOutcome.REQUESTED, reason, expected, running.orElse(null), kernels,
                null, file.path().toString());
    }

    /** The installed EVRs of the kernel package (kernel-core, else kernel, else AL2023's kernel6.x), newest first. */
    static List<String> kernels(Map<String, List<String>> installed) {
        for (String name : List.of("kernel-core", "kernel")) {
            if (installed.containsKey(name)) {
                return installed.get(name);
            }
        }
        return installed.entrySet().stream()
                .filter(e -> !e.getKey().contains(".") || e.getKey().matches("kernel\\d+\\.\\d+"))
                .filter(e -> KernelPackages.isBootedKernel(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(List.of());
    }
}
