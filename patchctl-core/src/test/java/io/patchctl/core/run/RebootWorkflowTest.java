package io.patchctl.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.InstalledState;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.RunningKernel;
import io.patchctl.core.host.TransactionOutcome;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.reboot.RebootCoordinator;
import io.patchctl.core.reboot.RebootMarkerFile;
import io.patchctl.core.reboot.RebootOutcome;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reboot decisions the lab cannot show (its dnf runs without plugins, so needs-restarting is never asked). */
class RebootWorkflowTest {

    @TempDir
    Path tmp;

    static final PatchPolicy IF_NEEDED = PatchPolicy.builder().holdGlobs(List.of()).reboot(PatchPolicy.RebootMode.IF_NEEDED).build();

    /** glibc pending; after the upgrade needs-restarting answers {@link #rebootNeeded}. */
    static final class GlibcHost implements PackageManager {
        final List<String> calls = new ArrayList<>();
        boolean upgraded;
        Boolean rebootNeeded = true;
        final SecurityUpdate glibc = new SecurityUpdate("RHSA-2026:7000", Severity.IMPORTANT, List.of("CVE-2026-7000"),
                "glibc", "x86_64", "2.28-251.el8", "2.28-252.el8");

        @Override
        public List<SecurityUpdate> discoverSecurityUpdates() {
            calls.add("discover");
            return upgraded ? List.of() : List.of(glibc);
        }

        @Override
        public Set<String> pendingSecurityPackages() {
            return upgraded ? Set.of() : Set.of("glibc");
        }

        @Override
        public InstalledState verifyInstalled() {
            calls.add("rpm -q");
            return new InstalledState(pendingSecurityPackages(), Map.of("glibc", List.of(upgraded ? "2.28-252.el8" : "2.28-251.el8")));
        }

        @Override
        public TransactionOutcome testUpgrade(List<String> names) {
            throw new AssertionError("not asked: upgrade tests first");
        }

        @Override
        public TransactionOutcome upgrade(List<String> names) {
            calls.add("upgrade " + names);
            upgraded = true;
            return new TransactionOutcome(true, 0, List.of("glibc-2.28-252.el8.x86_64"), null, "Complete!");
        }

        @Override
        public Optional<Boolean> rebootNeeded() {
            calls.add("needs-restarting");
            return Optional.ofNullable(rebootNeeded);
        }

        @Override
        public int invocations() {
            return calls.size();
        }

        @Override
        public boolean upgradeTestsFirst() {
            return true;
        }
    }

    private RunReport run(GlibcHost host, PatchPolicy policy) {
        return AgentWorkflow.builder().packageManager(host)
                .clock(Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC))
                .reboots(new RebootCoordinator(new RebootMarkerFile(tmp), RunningKernel.fixed("4.18.0-553.1.el8.x86_64"),
                        Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC)))
                .build().run(new RunRequest("dev", "i-0abc", "web-1", "/", RunMode.PATCH, policy)).report();
    }

    @Test
    void needsRestartingSaysReboot_noKernel_requestsTheReboot_thenResumesWithoutAKernelToCompare() {
        GlibcHost host = new GlibcHost();

        RunReport first = run(host, IF_NEEDED);

        assertThat(first.status()).isEqualTo(RunStatus.REBOOT_PENDING);
        assertThat(first.exitCode()).isEqualTo(194);
        assertThat(first.reboot().reason()).isEqualTo("dnf needs-restarting -r: a reboot is needed");
        assertThat(first.reboot().expectedKernel()).isNull();
        assertThat(first.fixVerification().advisories().get(0).status().name()).isEqualTo("FIXED");
        assertThat(Files.exists(tmp.resolve(RebootMarkerFile.FILE_NAME))).isTrue();

        RunReport resumed = run(host, IF_NEEDED);

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(resumed.reboot().outcome()).isEqualTo(RebootOutcome.RESUMED_ON_NEW_KERNEL);
        assertThat(resumed.reboot().reason()).isEqualTo("resumed after the reboot needs-restarting asked for (no new kernel to compare)");
        assertThat(resumed.reboot().resumedFromRunId()).isEqualTo(first.runId());
        assertThat(Files.exists(tmp.resolve(RebootMarkerFile.FILE_NAME))).isFalse();
    }

    @Test
    void rebootNever_needsRestartingSaysReboot_onlyRecordsIt() {
        GlibcHost host = new GlibcHost();

        RunReport report = run(host, PatchPolicy.defaults());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(report.rebootNeeded()).isTrue();
        assertThat(report.reboot()).isNull();
        assertThat(Files.exists(tmp.resolve(RebootMarkerFile.FILE_NAME))).isFalse();
    }

    @Test
    void ifNeeded_nothingAsksForAReboot_isCompliantWithoutMarker() {
        GlibcHost host = new GlibcHost();
        host.rebootNeeded = false;

        RunReport report = run(host, IF_NEEDED);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(report.reboot().outcome()).isEqualTo(RebootOutcome.NOT_REQUESTED);
        assertThat(Files.exists(tmp.resolve(RebootMarkerFile.FILE_NAME))).isFalse();
    }

    @Test
    void markerCannotBeWritten_doesNotReboot_andSaysWhy() throws Exception {
        GlibcHost host = new GlibcHost();
        Files.writeString(tmp.resolve("state-is-a-file"), "x");
        RunReport report = AgentWorkflow.builder().packageManager(host)
                .reboots(new RebootCoordinator(new RebootMarkerFile(tmp.resolve("state-is-a-file")),
                        RunningKernel.unknown(), Clock.systemUTC()))
                .build().run(new RunRequest("dev", "i-0abc", "web-1", "/", RunMode.PATCH, IF_NEEDED)).report();

        assertThat(report.status()).as(String.valueOf(report.error())).isEqualTo(RunStatus.COMPLIANT);
        assertThat(report.reboot().outcome()).isEqualTo(RebootOutcome.NOT_REQUESTED);
        assertThat(report.reboot().reason()).startsWith("dnf needs-restarting -r: a reboot is needed, but the marker could not be written")
                .endsWith("not rebooting, as the resumed run could not verify the kernel");
    }
}
