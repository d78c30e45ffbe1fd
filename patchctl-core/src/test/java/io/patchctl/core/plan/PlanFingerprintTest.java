package io.patchctl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanFingerprintTest {

    private static final PatchPolicy POLICY = PatchPolicy.defaults();

    @Test
    void of_sameSetInAnotherOrder_isTheSame() {
        assertThat(PlanFingerprint.of(List.of(Updates.CURL, Updates.OPENSSL), POLICY, "m", "v1"))
                .isEqualTo(PlanFingerprint.of(List.of(Updates.OPENSSL, Updates.CURL), POLICY, "m", "v1"))
                .hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void of_anyDecidingDifference_changesIt() {
        String base = PlanFingerprint.of(Updates.ALL, POLICY, "m", "v1");
        SecurityUpdate newerCurl = new SecurityUpdate("RHSA-2021:2000", Severity.MODERATE, List.of(), "curl", "x86_64",
                "7.61.1-17.el8", "7.61.1-19.el8");

        assertThat(PlanFingerprint.of(List.of(Updates.OPENSSL, newerCurl, Updates.KERNEL), POLICY, "m", "v1")).isNotEqualTo(base);
        assertThat(PlanFingerprint.of(List.of(Updates.OPENSSL, Updates.CURL), POLICY, "m", "v1")).isNotEqualTo(base);
        assertThat(PlanFingerprint.of(Updates.ALL, new PatchPolicy(List.of("kernel*"), Severity.IMPORTANT, false, 0), "m", "v1"))
                .isNotEqualTo(base);
        assertThat(PlanFingerprint.of(Updates.ALL, POLICY, "other-model", "v1")).isNotEqualTo(base);
        assertThat(PlanFingerprint.of(Updates.ALL, POLICY, "m", "v2")).isNotEqualTo(base);
    }

    @Test
    void of_fieldsThatConcatenateAlike_doNotCollide() {
        SecurityUpdate a = new SecurityUpdate("A", Severity.LOW, List.of(), "ab", "c", "1", "2");
        SecurityUpdate b = new SecurityUpdate("A", Severity.LOW, List.of(), "a", "bc", "1", "2");

        assertThat(PlanFingerprint.of(List.of(a), POLICY, "m", "v")).isNotEqualTo(PlanFingerprint.of(List.of(b), POLICY, "m", "v"));
    }

    @Test
    void of_rebootIfNeeded_differsFromTheSameGlobsWithRebootNever() {
        PatchPolicy never = PatchPolicy.builder().holdGlobs(List.of()).build();
        PatchPolicy ifNeeded = never.toBuilder().reboot(PatchPolicy.RebootMode.IF_NEEDED).build();

        assertThat(PlanFingerprint.of(Updates.ALL, ifNeeded, "m", "v1")).isNotEqualTo(PlanFingerprint.of(Updates.ALL, never, "m", "v1"));
    }
}
