package io.patchctl.dnf;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.ReleaseTrack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dnf output and host files of the RHEL family beyond RHEL: Rocky, Alma, Oracle, Amazon Linux 2023. */
class DistroOutputTest {

    @Test
    void updateinfoList_readsEveryFamilyIdFormAndAmazonSeverities() {
        String stdout = """
                RLSA-2024:0253 Important/Sec. openssl-libs-1:3.0.7-25.el9_3.x86_64
                ALSA-2024:0310 Moderate/Sec.  curl-7.61.1-33.el8_9.5.x86_64
                ELSA-2024-0355 Important/Sec. sudo-1.9.5p2-10.el9_3.x86_64
                ALAS2023-2024-547 Medium/Sec. zlib-1.2.11-33.amzn2023.0.5.x86_64
                ALAS2023-2024-548 important/Sec. kernel6.1-6.1.115-126.197.amzn2023.x86_64
                """;

        List<DnfOutput.UpdateinfoLine> lines = DnfOutput.updateinfoList(stdout);

        assertThat(lines).extracting(DnfOutput.UpdateinfoLine::advisoryId)
                .containsExactly("RLSA-2024:0253", "ALSA-2024:0310", "ELSA-2024-0355", "ALAS2023-2024-547", "ALAS2023-2024-548");
        assertThat(lines).allMatch(DnfOutput.UpdateinfoLine::security);
        assertThat(lines.get(3).severity()).isEqualTo(Severity.MODERATE);
        assertThat(lines.get(4).severity()).isEqualTo(Severity.IMPORTANT);
        assertThat(lines.get(4).nevra().name()).isEqualTo("kernel6.1");
    }

    @Test
    void newerReleases_readsAmazonLinuxReleaseNotice() {
        // as AL2023's dnf printed it (wazuh/wazuh#37880)
        String stdout = """
                WARNING:
                  A newer release of "Amazon Linux" is available.

                  Available Versions:

                  Version 2023.10.20260105:
                    Run the following command to upgrade to 2023.10.20260105:

                      dnf upgrade --releasever=2023.10.20260105

                    Release notes:
                     https://docs.aws.amazon.com/linux/al2023/release-notes/relnotes-2023.10.20260105.html

                  Version 2023.10.20260120:
                    Run the following command to upgrade to 2023.10.20260120:

                      dnf upgrade --releasever=2023.10.20260120
                """;

        assertThat(DnfOutput.newerReleases(stdout, "")).containsExactly("2023.10.20260105", "2023.10.20260120");
        assertThat(DnfOutput.newerReleases("Last metadata expiration check: 0:00:02 ago\n", "")).isEmpty();
    }

    @Test
    void osRelease_isReadFromTheInstallrootNotTheMachine(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("usr/lib"));
        Files.writeString(root.resolve("usr/lib/os-release"), "ID=almalinux\nVERSION_ID=8.10\nNAME=AlmaLinux\n");

        assertThat(OsReleaseFile.read(root).displayName()).isEqualTo("AlmaLinux 8.10");

        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=\"rocky\"\nVERSION_ID=\"9.3\"\nNAME=\"Rocky Linux\"\n");
        assertThat(OsReleaseFile.read(root).id()).isEqualTo("rocky");
    }

    @Test
    void osRelease_missing_isUnknown(@TempDir Path root) {
        assertThat(OsReleaseFile.read(root)).isEqualTo(Distro.UNKNOWN);
    }

    @Test
    void dnfArgs_latestOnAmazonLinux_addsReleaseverLatestLast() {
        PatchPolicy latest = new PatchPolicy(List.of("kernel*"), Severity.LOW, false, 0, ReleaseTrack.LATEST);
        Distro al2023 = new Distro("amzn", "2023", "Amazon Linux", "");
        Distro rocky = new Distro("rocky", "9.3", "Rocky Linux", "");

        assertThat(OsReleaseFile.dnfArgs(List.of("--releasever=2023.6.20241010"), latest, al2023))
                .containsExactly("--releasever=2023.6.20241010", "--releasever=latest");
        assertThat(OsReleaseFile.dnfArgs(List.of(), PatchPolicy.defaults(), al2023)).isEmpty();
        // $releasever is the major version in RHEL-family repository URLs: "latest" would break them
        assertThat(OsReleaseFile.dnfArgs(List.of(), latest, rocky)).isEmpty();
    }
}
