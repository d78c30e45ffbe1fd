package io.patchctl.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.report.ApplyResult;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.report.Verification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceItemsTest {

    static final SecurityUpdate OPENSSL = new SecurityUpdate("RHSA-2021:1024", Severity.IMPORTANT,
            List.of("CVE-2021-3449"), "openssl-libs", "x86_64", "1:1.1.1k-1.el8", "1:1.1.1k-2.el8");
    static final SecurityUpdate CURL = new SecurityUpdate("RHSA-2021:2000", Severity.MODERATE,
            List.of("CVE-2021-22876"), "curl", "x86_64", "7.61.1-17.el8", "7.61.1-18.el8");
    static final SecurityUpdate KERNEL = new SecurityUpdate("RHSA-2021:3000", Severity.CRITICAL,
            List.of("CVE-2021-33909"), "kernel-core", "x86_64", "4.18.0-305.el8", "4.18.0-305.10.2.el8");

    @Test
    void of_verifiedRun_oneItemPerAdvisory_heldAndInstalledAreCompliant() {
        RunReport report = report(RunStatus.NON_COMPLIANT, List.of(OPENSSL, CURL, KERNEL),
                new Verification(true, List.of("curl"), List.of("kernel-core")), ApplyResult.notRun());

        List<ComplianceItem> items = ComplianceItems.of(report);

        assertThat(items).extracting(ComplianceItem::id).containsExactly("RHSA-2021:1024", "RHSA-2021:2000", "RHSA-2021:3000");
        assertThat(items).extracting(ComplianceItem::status).containsExactly("COMPLIANT", "NON_COMPLIANT", "COMPLIANT");
        assertThat(items).extracting(ComplianceItem::severity).containsExactly("HIGH", "MEDIUM", "CRITICAL");
        assertThat(items.get(2).details().get("state")).isEqualTo("kernel-core=held (policy holds packages matching 'kernel*')");
        assertThat(items.get(1).details()).containsEntry("state", "curl=pending").containsEntry("cves", "CVE-2021-22876");
    }

    @Test
    void of_scanOnly_allowedUpdatesArePending() {
        RunReport report = report(RunStatus.NON_COMPLIANT, List.of(OPENSSL, KERNEL), Verification.notRun(), ApplyResult.notRun());

        assertThat(ComplianceItems.of(report)).extracting(ComplianceItem::status).containsExactly("NON_COMPLIANT", "COMPLIANT");
    }

    @Test
    void of_failedTransactionWithPartialInstall_countsWhatWasInstalled() {
        ApplyResult apply = new ApplyResult(true, false, 1, List.of("openssl-libs-1:1.1.1k-2.el8.x86_64"), "scriptlet failed", "");
        RunReport report = report(RunStatus.FAILED, List.of(OPENSSL, CURL, KERNEL), Verification.notRun(), apply);

        assertThat(ComplianceItems.of(report)).extracting(ComplianceItem::status)
                .containsExactly("COMPLIANT", "NON_COMPLIANT", "COMPLIANT");
    }

    @Test
    void of_failedDiscovery_isOneNonCompliantRunItemWithTheError() {
        RunReport report = base().status(RunStatus.FAILED).exitCode(4).dnfInvocations(1).durationMillis(10)
                .error("dnf: cannot read repo").build();

        assertThat(ComplianceItems.of(report)).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo("patchctl-run");
            assertThat(i.status()).isEqualTo("NON_COMPLIANT");
            assertThat(i.details()).containsEntry("error", "dnf: cannot read repo");
        });
    }

    static RunReport report(RunStatus status, List<SecurityUpdate> discovered, Verification verification, ApplyResult apply) {
        List<HeldPackage> held = discovered.contains(KERNEL)
                ? List.of(new HeldPackage("kernel-core", "policy holds packages matching 'kernel*'")) : List.of();
        return base().status(status).exitCode(3).discovered(discovered).held(held).apply(apply).verification(verification)
                .dnfInvocations(3).durationMillis(100).build();
    }

    private static RunReport.Builder base() {
        return RunReport.builder().runId("run-1").timestamp(Instant.parse("2026-11-26T14:00:00Z")).environment("dev")
                .instanceId("i-0abc12345678").hostname("h").installroot("/").mode(RunMode.PATCH);
    }

    @Test
    void of_kernelInstalledButNotRunning_isNonCompliantUntilTheReboot() {
        RunReport base = report(RunStatus.REBOOT_PENDING, List.of(OPENSSL, KERNEL), new Verification(true, List.of(), List.of()),
                ApplyResult.notRun());
        io.patchctl.core.verify.FixReport fixes = new io.patchctl.core.verify.FixVerification(List.of(OPENSSL, KERNEL),
                List.of(), List.of("openssl-libs", "kernel-core"), null, java.util.Optional.of("4.18.0-305.el8.x86_64"), List.of())
                .verify(java.util.Map.of("openssl-libs", List.of("1:1.1.1k-2.el8"),
                        "kernel-core", List.of("4.18.0-305.10.2.el8", "4.18.0-305.el8")));
        RunReport report = base.toBuilder().held(List.of()).fixVerification(fixes).build();

        List<ComplianceItem> items = ComplianceItems.of(report);

        assertThat(items).extracting(ComplianceItem::status).containsExactly("COMPLIANT", "NON_COMPLIANT");
    }
}
