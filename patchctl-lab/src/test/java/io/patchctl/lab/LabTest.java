package io.patchctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the standard lab with the real tools and checks what real dnf then sees. */
class LabTest {

    @TempDir
    Path tmp;

    private static String dnf(LabHost host, String... args) {
        List<String> argv = new ArrayList<>(List.of("dnf", "--installroot=" + host.installroot()));
        argv.addAll(host.dnfArgs());
        argv.addAll(List.of(args));
        return Commands.run(argv, host.environment(), Duration.ofMinutes(2));
    }

    @Test
    void mixedLab_hostSeesExactlyTheInstalledSecurityUpdates() {
        Lab lab = Lab.build(StandardLabs.mixed());
        LabHost host = lab.newHost(tmp.resolve("h1"), HostSpec.allBase());

        String out = dnf(host, "-q", "updateinfo", "list", "--security");

        assertThat(out).contains("RHSA-2026:1001 Important/Sec. openssl-libs-1:1.1.1k-12.el8.x86_64")
                .contains("RHSA-2026:1002 Critical/Sec.  curl-7.61.1-34.el8.x86_64")
                .contains("kernel-core-4.18.0-553.2.el8.x86_64")
                .contains("libxml2-2.9.7-19.el8.x86_64")
                .doesNotContain("nginx").doesNotContain("bash").doesNotContain("vim-minimal");
        assertThat(host.installed()).containsEntry("openssl-libs", List.of("1:1.1.1k-9.el8.x86_64"))
                .containsKeys("lab-sh", "tzdata", "kernel").doesNotContainKey("nginx");
        assertThat(Files.isExecutable(host.installroot().resolve("bin/sh"))).isTrue();
    }

    @Test
    void hostSpec_upgradedAndWithout_changeThePendingSet() {
        Lab lab = Lab.build(StandardLabs.mixed());
        LabHost host = lab.newHost(tmp.resolve("h2"), HostSpec.allBase().upgraded("curl").without("zlib"));

        String out = dnf(host, "-q", "updateinfo", "list", "--security");

        assertThat(out).contains("openssl-libs").doesNotContain("curl").doesNotContain("zlib");
        assertThat(host.installed()).containsEntry("curl", List.of("7.61.1-34.el8.x86_64")).doesNotContainKey("zlib");
    }

    @Test
    void build_sameSpecTwice_reusesTheCache() {
        Lab first = Lab.build(StandardLabs.mixed());
        java.util.Map<Path, java.nio.file.attribute.FileTime> before = modificationTimes(first.dir());
        Lab second = Lab.build(StandardLabs.mixed());

        // reused, not rebuilt: same directory, and not one file in it written again
        assertThat(second.dir()).isEqualTo(first.dir());
        assertThat(modificationTimes(second.dir())).isEqualTo(before).isNotEmpty();
    }

    private static java.util.Map<Path, java.nio.file.attribute.FileTime> modificationTimes(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            java.util.Map<Path, java.nio.file.attribute.FileTime> times = new java.util.TreeMap<>();
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                times.put(dir.relativize(f), Files.getLastModifiedTime(f));
            }
            return times;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unreachableHost_failsDiscoveryWithConnectionError() {
        Lab lab = Lab.build(StandardLabs.mixed());
        LabHost host = lab.newUnreachableHost(tmp.resolve("h3"), HostSpec.allBase());

        assertThatThrownBy(() -> dnf(host, "updateinfo", "list", "--security"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("Failed to download metadata for repo 'updates'");
    }

    @Test
    void hostSpec_unknownPackage_isRejectedByName() {
        Lab lab = Lab.build(StandardLabs.mixed());

        assertThatThrownBy(() -> lab.newHost(tmp.resolve("h4"), HostSpec.allBase().without("no-such-pkg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host spec: no base package 'no-such-pkg'");
    }

    @Test
    void labRpm_badArch_isRejected() {
        assertThatThrownBy(() -> LabRpm.of("x", "1-1", "ppc64le"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 'ppc64le'");
    }
}
