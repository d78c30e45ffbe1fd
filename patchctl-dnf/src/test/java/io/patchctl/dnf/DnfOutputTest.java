package io.patchctl.dnf;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsers against output captured from real dnf 4.14 (files under src/test/resources/dnf). */
class DnfOutputTest {

    static String resource(String name) {
        try (InputStream in = DnfOutputTest.class.getResourceAsStream("/dnf/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /dnf/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void updateinfoList_withDownloadProgressLines_readsEveryAdvisory() {
        List<DnfOutput.UpdateinfoLine> lines = DnfOutput.updateinfoList(resource("updateinfo-list-security.stdout"));

        assertThat(lines).extracting(l -> l.advisoryId() + " " + l.severity() + " " + l.nevra()).containsExactly(
                "RHSA-2026:1006 IMPORTANT kernel-4.18.0-553.2.el8.x86_64",
                "RHSA-2026:1006 IMPORTANT kernel-core-4.18.0-553.2.el8.x86_64",
                "RHSA-2026:1005 UNKNOWN libxml2-2.9.7-19.el8.x86_64",
                "RHSA-2026:1001 IMPORTANT openssl-libs-1:1.1.1k-12.el8.x86_64",
                "RHSA-2026:1003 MODERATE sudo-1.9.5p2-2.el8.x86_64");
        assertThat(lines).allMatch(DnfOutput.UpdateinfoLine::security);
        assertThat(lines.get(3).nevra()).isEqualTo(new Nevra("openssl-libs", "1", "1.1.1k", "12.el8", "x86_64"));
    }

    @Test
    void updateinfoList_withMetadataExpirationLine_skipsIt() {
        String out = resource("updateinfo-list-security-cached.stdout");
        assertThat(out).startsWith("Last metadata expiration check:");

        assertThat(DnfOutput.updateinfoList(out)).hasSize(5);
    }

    /** Hand-written in the form RHEL 8 dnf 4.7 prints (subscription-manager line, bugfix and enhancement rows), not captured here. */
    @Test
    void updateinfoList_rhel8StyleWithSubscriptionLinesAndBugfix_keepsSecurityTypeApart() {
        String out = resource("updateinfo-list-rhel8-style.stdout");

        List<DnfOutput.UpdateinfoLine> lines = DnfOutput.updateinfoList(out);

        assertThat(lines).filteredOn(DnfOutput.UpdateinfoLine::security)
                .extracting(l -> l.advisoryId() + " " + l.severity() + " " + l.nevra().name() + " " + l.nevra().evr())
                .containsExactly("RHSA-2021:1024 IMPORTANT openssl-libs 1:1.1.1g-15.el8_3",
                        "RHSA-2021:1469 CRITICAL bind-libs 32:9.11.20-5.el8_3.1",
                        "RHSA-2021:2575 LOW lz4-libs 1.8.3-3.el8_4",
                        "RHSA-2021:3058 UNKNOWN glib2 2.56.4-10.el8_4.1");
        assertThat(lines).filteredOn(l -> !l.security()).extracting(DnfOutput.UpdateinfoLine::advisoryId)
                .containsExactly("RHBA-2021:1037", "RHEA-2021:1100");
    }

    @Test
    void updateinfoList_verboseWithDateColumnAndDebugLines_readsEveryAdvisory() {
        List<DnfOutput.UpdateinfoLine> lines = DnfOutput.updateinfoList(resource("updateinfo-list-security-verbose.stdout"));

        assertThat(lines).extracting(l -> l.advisoryId() + " " + l.nevra().name()).containsExactly(
                "RHSA-2026:1002 curl", "RHSA-2026:1006 kernel", "RHSA-2026:1006 kernel-core", "RHSA-2026:1005 libxml2",
                "RHSA-2026:1001 openssl-libs", "RHSA-2026:1003 sudo", "RHSA-2026:1004 zlib");
    }

    @Test
    void updateinfoInfo_readsCvesOverContinuationLinesAndSeverity() {
        Map<String, DnfOutput.AdvisoryInfo> info = DnfOutput.updateinfoInfo(resource("updateinfo-info-security.stdout"));

        assertThat(info.get("RHSA-2026:1001").cves()).containsExactly("CVE-2026-0001", "CVE-2026-0002");
        assertThat(info.get("RHSA-2026:1001").severity()).isEqualTo(Severity.IMPORTANT);
        assertThat(info.get("RHSA-2026:1003").cves()).isEmpty();
        assertThat(info.get("RHSA-2026:1005").severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(info).containsOnlyKeys("RHSA-2026:1006", "RHSA-2026:1001", "RHSA-2026:1005", "RHSA-2026:1003");
    }

    @Test
    void updateinfoInfo_dnf4PrintsOnlyUpdated_whichBecomesTheAdvisoryDate() {
        // captured from Debian's dnf 4.14 on a lab installroot: updateinfo.xml had issued 2026-11-01, updated 2026-11-02
        Map<String, DnfOutput.AdvisoryInfo> info = DnfOutput.updateinfoInfo(resource("updateinfo-info-security.stdout"));

        assertThat(info.get("RHSA-2026:1001").issued()).isEqualTo(java.time.LocalDate.of(2026, 11, 2));
    }

    @Test
    void updateinfoInfo_issuedPreferredOverUpdated_andAnUnreadableDateIsNull() {
        String out = """
                ===============================================================================
                  Update ID: RHSA-2026:2001
                       Type: security
                     Issued: 2026-10-01 08:00:00
                    Updated: 2026-10-20 08:00:00
                ===============================================================================
                  Update ID: RHSA-2026:2002
                       Type: security
                    Updated: yesterday
                """;

        Map<String, DnfOutput.AdvisoryInfo> info = DnfOutput.updateinfoInfo(out);

        assertThat(info.get("RHSA-2026:2001").issued()).isEqualTo(java.time.LocalDate.of(2026, 10, 1));
        assertThat(info.get("RHSA-2026:2002").issued()).isNull();
    }

    @Test
    void checkUpdate_withObsoletingPackages_separatesThemAndSkipsTheObsoletedLine() {
        DnfOutput.CheckUpdate parsed = DnfOutput.checkUpdate(resource("check-update-obsoleting.stdout"));

        assertThat(parsed.updates()).extracting(DnfOutput.PendingPackage::name).containsExactly(
                "bash", "kernel", "kernel-core", "libxml2", "openssl-libs", "sudo", "vim-minimal");
        assertThat(parsed.updates()).filteredOn(p -> p.name().equals("vim-minimal")).singleElement()
                .isEqualTo(new DnfOutput.PendingPackage("vim-minimal", "x86_64", "2:8.0.1763-20.el8", "updates"));
        assertThat(parsed.obsoleting()).containsExactly(
                new DnfOutput.PendingPackage("openssl-libs-ng", "x86_64", "3.0.7-1.el8", "obs"));
    }

    @Test
    void checkUpdate_security_readsPackagesAfterMetadataLine() {
        DnfOutput.CheckUpdate parsed = DnfOutput.checkUpdate(resource("check-update-security.stdout"));

        assertThat(parsed.updates()).extracting(DnfOutput.PendingPackage::name)
                .containsExactly("kernel", "kernel-core", "libxml2", "openssl-libs", "sudo");
        assertThat(parsed.obsoleting()).isEmpty();
    }

    @Test
    void emptyOutputs_parseToNothing() {
        assertThat(DnfOutput.updateinfoList("")).isEmpty();
        assertThat(DnfOutput.updateinfoInfo("\n\n")).isEmpty();
        assertThat(DnfOutput.checkUpdate("Last metadata expiration check: 0:00:01 ago on Thu Nov 26 14:34:00 2026.\n")
                .updates()).isEmpty();
        assertThat(DnfOutput.transactionInstalled("")).isEmpty();
    }

    @Test
    void transactionInstalled_success_listsUpgradedAndInstalledKernels() {
        List<String> installed = DnfOutput.transactionInstalled(resource("upgrade-success.stdout"));

        assertThat(installed).contains("openssl-libs-1:1.1.1k-12.el8.x86_64", "curl-7.61.1-34.el8.x86_64");
        assertThat(installed).allSatisfy(n -> assertThat(Nevra.parse(n)).isPresent());
    }

    @Test
    void transactionInstalled_failedScriptlet_excludesTheFailedPackage() {
        String out = resource("upgrade-failed-scriptlet.stdout");

        List<String> installed = DnfOutput.transactionInstalled(out);

        assertThat(installed).isNotEmpty().noneMatch(n -> n.startsWith("tzdata-broken"));
        assertThat(DnfOutput.errorText(out, resource("upgrade-failed-scriptlet.stderr")))
                .contains("%prein(tzdata-broken-2026a-1.el8.noarch) scriptlet failed, exit status 1");
    }

    @Test
    void errorText_keepsTheIndentedLinesThatNameTheCause() {
        // pasted from a real EL8 host (pulp/pulp-oci-images#406): the header alone says nothing
        String stdout = """
                Last metadata expiration check: 0:00:12 ago on Tue 10 Jan 2023.
                Error:\s
                 Problem: package dnf-plugins-core-4.0.21-17.el8.noarch requires python3-dnf-plugins-core = 4.0.21-17.el8, but none of the providers can be installed
                  - cannot install the best candidate for the job
                  - package python3-distro-1.4.0-2.module_el8.5.0+751+b79b40be.noarch is filtered out by modular filtering
                """;

        String text = DnfOutput.errorText(stdout, "");

        assertThat(text).startsWith("Error:").contains("Problem: package dnf-plugins-core")
                .contains("is filtered out by modular filtering").doesNotContain("Last metadata");
    }

    @Test
    void errorText_keepsRpm414DiskLinesAndTheErrorSummary() {
        String stdout = """
                Error: Transaction test error:
                  installing package openssl-libs-1:1.1.1k-12.el8.x86_64 needs 171MB on the / filesystem

                Error Summary
                -------------
                Disk Requirements:
                   At least 171MB more space needed on the / filesystem.
                """;

        assertThat(DnfOutput.errorText(stdout, "")).contains("needs 171MB on the / filesystem")
                .contains("At least 171MB more space needed");
    }

    @Test
    void errorText_isBounded() {
        StringBuilder stdout = new StringBuilder("Error: Transaction test error:\n");
        for (int i = 0; i < 1000; i++) {
            stdout.append("  file /f").append(i).append(" from install of a-1-1.el8.noarch conflicts with file from package b-1-1.el8.noarch\n");
        }
        String text = DnfOutput.errorText(stdout.toString(), "");

        assertThat(text.length()).isLessThanOrEqualTo(DnfOutput.ERROR_TEXT_MAX_CHARS + 40);
        assertThat(text).startsWith("Error: Transaction test error:").contains("file /f0 ").endsWith("omitted]");
    }

    @Test
    void transactionStarted_tellsAStoppedTestFromAFailedTransaction() {
        // captured from real dnf 4.14: a failed %pre (the transaction ran) and a file conflict (stopped at the test)
        assertThat(DnfOutput.transactionStarted(resource("upgrade-failed-scriptlet.stdout"),
                resource("upgrade-failed-scriptlet.stderr"))).isTrue();
        assertThat(DnfOutput.transactionStarted("Running transaction check\nTransaction check succeeded.\n"
                + "Running transaction test\n", "Error: Transaction test error:\n"
                + "  file /opt/base/conf from install of clash-1.0-1.el8.noarch conflicts with file from package base-1.0-1.el8.noarch\n"))
                .isFalse();
        assertThat(DnfOutput.transactionStarted("", "Error: \n Problem: nothing provides libmissing.so.3()(64bit) needed by needy\n"))
                .isFalse();
    }

    @Test
    void needsRestarting_missingPlugin_isUnknownNotRebootRequired() {
        assertThat(DnfOutput.needsRestarting(1, "", "No such command: needs-restarting. Please use /usr/bin/dnf --help"))
                .isEmpty();
        assertThat(DnfOutput.needsRestarting(1, "Core libraries or services have been updated since boot-up:\n"
                + "  * kernel\n\nReboot is required to fully utilize these updates.\n", "")).contains(true);
        assertThat(DnfOutput.needsRestarting(0, "No core libraries or services have been updated since boot-up.\n"
                + "Reboot should not be necessary.\n", "")).contains(false);
    }

    @Test
    void nevra_parsesEpochAndDashedNames() {
        assertThat(Nevra.parse("python3-libs-3.6.8-37.el8.x86_64"))
                .contains(new Nevra("python3-libs", "", "3.6.8", "37.el8", "x86_64"));
        assertThat(Nevra.parse("bind-libs-32:9.11.20-5.el8_3.1.x86_64").orElseThrow().evr()).isEqualTo("32:9.11.20-5.el8_3.1");
        assertThat(Nevra.parse("garbage")).isEmpty();
    }
}
