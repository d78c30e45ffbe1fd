package io.patchctl.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.plan.HoldKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FixVerificationTest {

    static final SecurityUpdate OPENSSL = new SecurityUpdate("RHSA-1", Severity.IMPORTANT, List.of("CVE-1", "CVE-2"),
            "openssl-libs", "x86_64", "1:1.1.1k-9.el8", "1:1.1.1k-12.el8");
    static final SecurityUpdate CURL = new SecurityUpdate("RHSA-2", Severity.CRITICAL, List.of("CVE-3"),
            "curl", "x86_64", "7.61.1-33.el8", "7.61.1-34.el8");
    static final SecurityUpdate KERNEL = new SecurityUpdate("RHSA-3", Severity.IMPORTANT, List.of("CVE-4"),
            "kernel-core", "x86_64", "4.18.0-553.1.el8", "4.18.0-553.2.el8");
    static final SecurityUpdate ZLIB = new SecurityUpdate("RHSA-4", Severity.LOW, List.of("CVE-2"),
            "zlib", "x86_64", "1.2.11-25.el8", "1.2.11-26.el8");

    @Test
    void verify_installedAtTheFixedEvr_isFixed_andAHeldOne_isHeldWithItsReason() {
        FixReport r = new FixVerification(List.of(OPENSSL, ZLIB),
                List.of(new HeldPackage("zlib", "severity Low is below the policy minimum Moderate", HoldKind.POLICY)),
                List.of("openssl-libs"), null, Optional.empty(), List.of())
                .verify(Map.of("openssl-libs", List.of("1:1.1.1k-12.el8"), "zlib", List.of("1.2.11-25.el8")));

        assertThat(r.advisories()).extracting(AdvisoryFix::advisoryId, AdvisoryFix::status, AdvisoryFix::why)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RHSA-1", FixStatus.FIXED, null),
                        org.assertj.core.groups.Tuple.tuple("RHSA-4", FixStatus.NOT_FIXED, NotFixedReason.HELD));
        assertThat(r.advisories().get(1).packages().get(0).detail()).contains("below the policy minimum");
        // CVE-2 is in both advisories: fixed only when both are
        assertThat(r.cves()).filteredOn(c -> c.cve().equals("CVE-2")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(FixStatus.NOT_FIXED))
                .satisfies(c -> assertThat(c.advisories()).containsExactly("RHSA-1", "RHSA-4"));
        assertThat(r.cves()).filteredOn(c -> c.cve().equals("CVE-1")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(FixStatus.FIXED));
        assertThat(r.fixed()).isEqualTo(1);
        assertThat(r.notFixed()).isEqualTo(1);
    }

    @Test
    void verify_quarantineHold_isQuarantined() {
        FixReport r = new FixVerification(List.of(CURL), List.of(new HeldPackage("curl", "failed on 3 hosts", HoldKind.QUARANTINED)),
                List.of(), null, Optional.empty(), List.of()).verify(Map.of("curl", List.of("7.61.1-33.el8")));

        assertThat(r.advisories().get(0).why()).isEqualTo(NotFixedReason.QUARANTINED);
    }

    @Test
    void verify_approvedButTransactionFailed_isFailedWithDnfsError() {
        FixReport r = new FixVerification(List.of(CURL, OPENSSL), List.of(), List.of("curl", "openssl-libs"),
                "dnf upgrade failed with exit code 1: error: %pre(curl) scriptlet failed", Optional.empty(), List.of())
                .verify(Map.of("curl", List.of("7.61.1-33.el8"), "openssl-libs", List.of("1:1.1.1k-12.el8")));

        assertThat(r.advisories().get(0).why()).isEqualTo(NotFixedReason.FAILED);
        assertThat(r.advisories().get(0).packages().get(0).detail()).contains("%pre(curl)");
        assertThat(r.advisories().get(1).status()).isEqualTo(FixStatus.FIXED);
    }

    @Test
    void verify_kernelInstalledButNotRunning_needsReboot_andRunningIt_isFixed() {
        Map<String, List<String>> installed = Map.of("kernel-core", List.of("4.18.0-553.2.el8", "4.18.0-553.1.el8"));

        FixReport old = new FixVerification(List.of(KERNEL), List.of(), List.of("kernel-core"), null,
                Optional.of("4.18.0-553.1.el8.x86_64"), List.of()).verify(installed);
        FixReport booted = new FixVerification(List.of(KERNEL), List.of(), List.of("kernel-core"), null,
                Optional.of("4.18.0-553.2.el8.x86_64"), List.of()).verify(installed);

        assertThat(old.advisories().get(0).why()).isEqualTo(NotFixedReason.NEEDS_REBOOT);
        assertThat(old.advisories().get(0).packages().get(0).detail())
                .isEqualTo("installed 4.18.0-553.2.el8, running kernel 4.18.0-553.1.el8.x86_64");
        assertThat(booted.advisories().get(0).status()).isEqualTo(FixStatus.FIXED);
    }

    @Test
    void verify_requestedButNotDiscovered_isNotApplicable() {
        FixReport r = new FixVerification(List.of(CURL), List.of(), List.of("curl"), null, Optional.empty(),
                List.of("RHSA-2", "RHSA-9999", "CVE-2099-1")).verify(Map.of("curl", List.of("7.61.1-34.el8")));

        assertThat(r.notApplicable()).isEqualTo(2);
        assertThat(r.advisories()).extracting(AdvisoryFix::advisoryId, AdvisoryFix::status).contains(
                org.assertj.core.groups.Tuple.tuple("RHSA-9999", FixStatus.NOT_APPLICABLE));
        assertThat(r.cves()).extracting(CveFix::cve, CveFix::status).contains(
                org.assertj.core.groups.Tuple.tuple("CVE-2099-1", FixStatus.NOT_APPLICABLE));
    }

    @Test
    void verify_nothingReadAfterAnUpgrade_judgesByDiscovery_allPending() {
        FixReport r = new FixVerification(List.of(CURL), List.of(), List.of("curl"), null, Optional.empty(), List.of())
                .verify(Map.of());

        assertThat(r.source()).isEqualTo("discovery");
        assertThat(r.advisories().get(0).why()).isEqualTo(NotFixedReason.PENDING);
    }
}
