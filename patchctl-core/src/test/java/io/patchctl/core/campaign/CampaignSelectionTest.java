package io.patchctl.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PlanFingerprint;
import io.patchctl.core.plan.PolicyRules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CampaignSelectionTest {

    private static final SecurityUpdate OPENSSL = new SecurityUpdate("RHSA-2026:1001", Severity.IMPORTANT,
            List.of("CVE-2026-0001", "CVE-2026-0002"), "openssl-libs", "x86_64", "1:1.1.1k-9.el8", "1:1.1.1k-12.el8");
    private static final SecurityUpdate CURL = new SecurityUpdate("RHSA-2026:1002", Severity.CRITICAL,
            List.of("CVE-2026-0003"), "curl", "x86_64", "7.61.1-33.el8", "7.61.1-34.el8");
    private static final SecurityUpdate KERNEL = new SecurityUpdate("RHSA-2026:1006", Severity.IMPORTANT,
            List.of("CVE-2026-0006"), "kernel", "x86_64", "4.18.0-553.1.el8", "4.18.0-553.2.el8");

    @ParameterizedTest
    @ValueSource(strings = {"RHSA-2026:1234", "RHBA-2026:12345", "RLSA-2024:0001", "ALSA-2024:1234", "ELSA-2024-12345",
            "ALAS2023-2024-123", "ALAS2-2024-2500", "ALAS-2024-1901", "FEDORA-2024-0123456789", "FEDORA-EPEL-2024-abcdef0123"})
    void advisory_vendorForms_areAccepted(String id) {
        assertThat(CampaignIds.advisory(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rhsa-2026:1234", "RHSA-2026-1234", "RHSA-26:1234", "XYSA-2026:1234", "RHSA-2026:1234;reboot",
            "RHSA-2026:1234 ", "$(id)", "", "FEDORA-2024-XYZ", "ELSA-2024:12345"})
    void advisory_otherForms_areRejectedNamingTheId(String id) {
        assertThatThrownBy(() -> CampaignIds.advisory(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an advisory id").hasMessageContaining("RHSA-2026:1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CVE-2026-123", "cve-2026-1234", "CVE-26-1234", "CVE-2026-1234'", "CVE-2026-1234\nCVE-2026-5678",
            "CVE-2026-", "2026-1234"})
    void cve_otherForms_areRejected(String id) {
        assertThatThrownBy(() -> new CampaignSelection(List.of(id), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a CVE id (expected CVE-YYYY-NNNN")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void selection_selectsByAdvisoryOrListedCve_andHoldsTheRestWithTheCampaignNamed() {
        CampaignSelection campaign = new CampaignSelection(List.of("CVE-2026-0002", "CVE-2026-123456"), List.of("RHSA-2026:1002"));

        assertThat(campaign.selects(OPENSSL)).isTrue();
        assertThat(campaign.selects(CURL)).isTrue();
        assertThat(campaign.selects(KERNEL)).isFalse();
        assertThat(campaign.holdReason(List.of(KERNEL)))
                .contains("not in campaign CVE-2026-0002,CVE-2026-123456,RHSA-2026:1002");
        assertThat(campaign.holdReason(List.of(OPENSSL))).isEmpty();
        assertThat(CampaignSelection.NONE.holdReason(List.of(KERNEL))).isEmpty();
    }

    @Test
    void policyRules_campaignHoldComesFirst_butASelectedKernelIsStillHeldByPolicy() {
        PatchPolicy kernelCampaign = PatchPolicy.builder().holdGlobs(List.of("kernel*"))
                .campaign(new CampaignSelection(List.of("CVE-2026-0006"), List.of())).build();
        PolicyRules rules = new PolicyRules(kernelCampaign);

        assertThat(rules.holdReason("kernel", List.of(KERNEL))).contains("policy holds packages matching 'kernel*'");
        assertThat(rules.holdReason("curl", List.of(CURL))).contains("not in campaign CVE-2026-0006");
        assertThat(new PolicyRules(kernelCampaign.toBuilder().holdGlobs(List.of()).build()).holdReason("kernel", List.of(KERNEL)))
                .isEmpty();
    }

    @Test
    void fingerprint_includesTheSelection_butNotForOrdinaryRuns() {
        List<SecurityUpdate> updates = List.of(OPENSSL, CURL, KERNEL);
        PatchPolicy plain = PatchPolicy.defaults();
        String ordinary = PlanFingerprint.of(updates, plain, "m", "v1");
        String a = PlanFingerprint.of(updates, plain.toBuilder()
                .campaign(new CampaignSelection(List.of("CVE-2026-0003"), List.of())).build(), "m", "v1");
        String b = PlanFingerprint.of(updates, plain.toBuilder()
                .campaign(new CampaignSelection(List.of(), List.of("RHSA-2026:1001"))).build(), "m", "v1");
        String aAgain = PlanFingerprint.of(updates, plain.toBuilder()
                .campaign(new CampaignSelection(List.of("CVE-2026-0003", "CVE-2026-0003"), List.of())).build(), "m", "v1");

        assertThat(ordinary).isEqualTo(PlanFingerprint.of(updates, plain.toBuilder().campaign(CampaignSelection.NONE).build(), "m", "v1"));
        assertThat(a).isNotEqualTo(ordinary).isNotEqualTo(b).isEqualTo(aAgain);
    }
}
