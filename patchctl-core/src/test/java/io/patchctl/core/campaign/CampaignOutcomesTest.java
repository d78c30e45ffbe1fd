package io.patchctl.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.report.ApplyResult;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.report.Verification;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignOutcomesTest {

    private static final SecurityUpdate CURL = new SecurityUpdate("RHSA-2026:1002", Severity.CRITICAL,
            List.of("CVE-2026-0003"), "curl", "x86_64", "7.61.1-33.el8", "7.61.1-34.el8");
    private static final SecurityUpdate KERNEL = new SecurityUpdate("RHSA-2026:1006", Severity.IMPORTANT,
            List.of("CVE-2026-0006"), "kernel", "x86_64", "4.18.0-553.1.el8", "4.18.0-553.2.el8");
    private static final CampaignSelection CAMPAIGN =
            new CampaignSelection(List.of("CVE-2026-0003", "CVE-2026-0006", "CVE-2026-9999"), List.of());
    private static final List<HeldPackage> KERNEL_HELD = List.of(new HeldPackage("kernel", "policy holds packages matching 'kernel*'"));

    @Test
    void installedAndVerified_isFixed_heldKeepsItsReason_andAbsentIsNotApplicable() {
        CampaignReport report = CampaignOutcomes.of(CAMPAIGN, List.of(CURL, KERNEL), true, List.of("curl"), KERNEL_HELD,
                new ApplyResult(true, true, 0, List.of("curl-7.61.1-34.el8.x86_64"), null, null),
                new Verification(true, List.of(), List.of("kernel")), RunStatus.COMPLIANT, null);

        assertThat(report.result("CVE-2026-0003").status()).isEqualTo(CampaignStatus.FIXED);
        assertThat(report.result("CVE-2026-0006").status()).isEqualTo(CampaignStatus.HELD);
        assertThat(report.result("CVE-2026-0006").reason()).isEqualTo("kernel: policy holds packages matching 'kernel*'");
        assertThat(report.result("CVE-2026-9999").status()).isEqualTo(CampaignStatus.NOT_APPLICABLE);
        assertThat(report.worst()).isEqualTo(CampaignStatus.HELD);
    }

    @Test
    void upgradeThatLeftThePackagePending_isFailed_withTheRunsError() {
        CampaignReport report = CampaignOutcomes.of(CAMPAIGN, List.of(CURL), true, List.of("curl"), List.of(),
                new ApplyResult(true, false, 1, List.of(), "scriptlet failed", null),
                new Verification(true, List.of("curl"), List.of()), RunStatus.FAILED, "upgrade failed: scriptlet failed");

        assertThat(report.result("CVE-2026-0003").status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(report.result("CVE-2026-0003").reason()).contains("curl").contains("upgrade failed: scriptlet failed");
        assertThat(report.worst()).isEqualTo(CampaignStatus.FAILED);
    }

    @Test
    void scanOnly_isPending_andAFailureBeforePlanningFailsEveryId() {
        CampaignReport scan = CampaignOutcomes.of(CAMPAIGN, List.of(CURL), true, List.of("curl"), List.of(), ApplyResult.notRun(),
                new Verification(true, List.of("curl"), List.of()), RunStatus.NON_COMPLIANT, null);
        CampaignReport early = CampaignOutcomes.of(CAMPAIGN, List.of(), false, List.of(), List.of(), ApplyResult.notRun(),
                Verification.notRun(), RunStatus.FAILED, "discovery failed: no repositories");

        assertThat(scan.result("CVE-2026-0003").status()).isEqualTo(CampaignStatus.PENDING);
        assertThat(early.results()).extracting(CampaignReport.IdResult::status).containsOnly(CampaignStatus.FAILED);
        assertThat(early.result("CVE-2026-9999").reason()).contains("discovery failed: no repositories");
        assertThat(CampaignOutcomes.of(CampaignSelection.NONE, List.of(CURL), true, List.of("curl"), List.of(),
                ApplyResult.notRun(), Verification.notRun(), RunStatus.COMPLIANT, null)).isNull();
    }
}
