package io.patchctl.dnf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.dnf.process.ProcessResult;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.PackageManagerException;
import io.patchctl.core.host.TransactionOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command lines DnfPackageManager builds, with canned (captured) dnf output in place of processes. */
class DnfPackageManagerTest {

    /** Answers each command from captured output; records every argv. */
    static final class CannedRunner extends ProcessRunner {
        final List<List<String>> calls = new ArrayList<>();

        String rpmOutput = "openssl-libs x86_64 1:1.1.1k-9.el8\nkernel x86_64 4.18.0-553.1.el8\nkernel-core x86_64 4.18.0-553.1.el8\n"
                + "libxml2 x86_64 2.9.7-18.el8\nsudo x86_64 1.9.5p2-1.el8\n";

        @Override
        public ProcessResult run(List<String> argv, Map<String, String> env, Duration timeout) {
            calls.add(argv);
            assertThat(env).containsEntry("LC_ALL", "C").containsEntry("HOME", "/lab/home");
            String out = "";
            int code = 0;
            if (argv.get(0).equals("rpm")) {
                out = rpmOutput;
            } else if (argv.contains("list")) {
                out = DnfOutputTest.resource("updateinfo-list-security.stdout");
            } else if (argv.contains("info")) {
                out = DnfOutputTest.resource("updateinfo-info-security.stdout");
            } else if (argv.contains("check-update")) {
                out = DnfOutputTest.resource("check-update-security.stdout");
                code = 100;
            } else if (argv.contains("upgrade")) {
                out = DnfOutputTest.resource("upgrade-success.stdout");
            }
            return new ProcessResult(argv, code, out, "", false, 1);
        }
    }

    private final CannedRunner runner = new CannedRunner();
    private final DnfPackageManager dnf = new DnfPackageManager(Path.of("/srv/root"),
            List.of("--config=/lab/dnf.conf", "--releasever=8", "--noplugins"), Map.of("HOME", "/lab/home"),
            Duration.ofSeconds(30), runner);

    @Test
    void discover_joinsListInfoAndInstalledEvrs() {
        List<SecurityUpdate> updates = dnf.discoverSecurityUpdates();

        assertThat(updates).hasSize(5);
        assertThat(updates).filteredOn(u -> u.name().equals("openssl-libs")).singleElement().isEqualTo(
                new SecurityUpdate("RHSA-2026:1001", Severity.IMPORTANT, List.of("CVE-2026-0001", "CVE-2026-0002"),
                        "openssl-libs", "x86_64", "1:1.1.1k-9.el8", "1:1.1.1k-12.el8", java.time.LocalDate.of(2026, 11, 2)));
        assertThat(runner.calls.get(0)).containsExactly("dnf", "--installroot=/srv/root", "--config=/lab/dnf.conf",
                "--releasever=8", "--noplugins", "updateinfo", "list", "--security");
        assertThat(runner.calls.get(1)).containsExactly("dnf", "--installroot=/srv/root", "--config=/lab/dnf.conf",
                "--releasever=8", "--noplugins", "-C", "updateinfo", "info", "--security");
        assertThat(runner.calls.get(2)).startsWith("rpm", "--root", "/srv/root", "-q");
        assertThat(dnf.invocations()).isEqualTo(2);
    }

    @Test
    void upgrade_passesNamesAfterDoubleDashAndParsesInstalled() {
        dnf.discoverSecurityUpdates();

        TransactionOutcome test = dnf.testUpgrade(List.of("openssl-libs", "curl"));
        TransactionOutcome real = dnf.upgrade(List.of("openssl-libs", "curl"));

        assertThat(runner.calls.get(3)).endsWith("-C", "upgrade", "-y", "--setopt=tsflags=test", "--", "openssl-libs", "curl");
        assertThat(runner.calls.get(4)).endsWith("-C", "upgrade", "-y", "--", "openssl-libs", "curl");
        assertThat(runner.calls).noneMatch(c -> c.contains("--nogpgcheck"));
        assertThat(test.success()).isTrue();
        assertThat(test.installed()).isEmpty();
        assertThat(real.installed()).containsExactly("curl-7.61.1-34.el8.x86_64", "openssl-libs-1:1.1.1k-12.el8.x86_64",
                "kernel-4.18.0-553.2.el8.x86_64");
    }

    @Test
    void upgrade_invalidName_isRefusedBeforeAnyProcess() {
        assertThatThrownBy(() -> dnf.upgrade(List.of("curl", "--nogpgcheck")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing to pass '--nogpgcheck' to dnf: looks like a command-line option, not a package name");
        assertThat(runner.calls).isEmpty();
    }

    @Test
    void pending_exit100_isAnAnswerNotAnError() {
        assertThat(dnf.pendingSecurityPackages()).containsExactly("kernel", "kernel-core", "libxml2", "openssl-libs", "sudo");
    }

    @Test
    void pending_afterDiscovery_isOneRpmQueryComparedWithTheFixedEvrs_noDnf() {
        dnf.discoverSecurityUpdates();
        int dnfBefore = dnf.invocations();
        // after the upgrade rpm shows openssl-libs and sudo fixed, a newer kernel next to the old one,
        // libxml2 still old, kernel-core untouched
        runner.rpmOutput = "openssl-libs x86_64 1:1.1.1k-12.el8\nkernel x86_64 4.18.0-553.1.el8\n"
                + "kernel x86_64 4.18.0-553.2.el8\nkernel-core x86_64 4.18.0-553.1.el8\n"
                + "libxml2 x86_64 2.9.7-18.el8\nsudo x86_64 1.9.5p3-1.el8\n";

        Set<String> pending = dnf.pendingSecurityPackages();

        assertThat(pending).containsExactlyInAnyOrder("kernel-core", "libxml2");
        assertThat(dnf.invocations()).isEqualTo(dnfBefore);
        assertThat(runner.calls.get(runner.calls.size() - 1)).startsWith("rpm", "--root", "/srv/root", "-q");
    }

    @Test
    void pending_packageGoneSinceDiscovery_isNotPending() {
        dnf.discoverSecurityUpdates();
        runner.rpmOutput = "openssl-libs x86_64 1:1.1.1k-12.el8\n";

        assertThat(dnf.pendingSecurityPackages()).doesNotContain("sudo", "libxml2");
    }

    @Test
    void rebootNeeded_withPluginsOff_startsNoProcess() {
        assertThat(dnf.rebootNeeded()).isEmpty();
        assertThat(runner.calls).isEmpty();
    }

    @Test
    void discover_dnfMissing_failsNamingTheProblem() {
        DnfPackageManager missing = new DnfPackageManager(Path.of("/"), List.of(), Map.of(), Duration.ofSeconds(5),
                new ProcessRunner(), "/nonexistent/dnf");

        assertThatThrownBy(missing::discoverSecurityUpdates)
                .isInstanceOf(PackageManagerException.class)
                .hasMessageStartingWith("dnf updateinfo list --security failed with exit code -1: cannot start /nonexistent/dnf");
    }
}
