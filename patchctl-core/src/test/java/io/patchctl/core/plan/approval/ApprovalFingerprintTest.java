package io.patchctl.core.plan.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PlanFingerprint;
import io.patchctl.core.plan.PolicyLoader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fingerprint follows what approval age and exceptions hold, and changes on exactly the days that changes. */
class ApprovalFingerprintTest {

    private static final LocalDate ISSUED = LocalDate.of(2026, 11, 24);
    private static final SecurityUpdate YOUNG = new SecurityUpdate("RHSA-2026:1001", Severity.IMPORTANT, List.of("CVE-2026-1111"),
            "openssl-libs", "x86_64", "1-1", "1-2", ISSUED);
    private static final SecurityUpdate OLD = new SecurityUpdate("RHSA-2026:0500", Severity.IMPORTANT, List.of(),
            "curl", "x86_64", "1-1", "1-2", ISSUED.minusDays(90));
    private static final List<SecurityUpdate> UPDATES = List.of(YOUNG, OLD);

    private static String fp(PatchPolicy policy, LocalDate day) {
        return PlanFingerprint.of(UPDATES, policy.asOf(day), "m", "v1");
    }

    @Test
    void age_sameWhileHeld_changesOnTheDayItBecomesApprovable_thenStays() {
        PatchPolicy p = PolicyLoader.parse("approve_after_days: {important: 7}\n");
        assertThat(fp(p, ISSUED)).isEqualTo(fp(p, ISSUED.plusDays(6)));
        assertThat(fp(p, ISSUED.plusDays(7))).isNotEqualTo(fp(p, ISSUED.plusDays(6)))
                .isEqualTo(fp(p, ISSUED.plusDays(30)))
                // once nothing is held, the plan is the one of a policy without the wait: hosts share it
                .isEqualTo(fp(PatchPolicy.defaults(), ISSUED.plusDays(7)));
    }

    @Test
    void exception_sameWhileInForce_changesOnItsExpiryDay() {
        PatchPolicy p = PolicyLoader.parse("""
                exceptions:
                  - cve: CVE-2026-1111
                    reason: waiting for the vendor
                    owner: alice
                    expires: 2026-12-10
                """);
        LocalDate lastDay = LocalDate.of(2026, 12, 9);
        assertThat(fp(p, LocalDate.of(2026, 12, 1))).isEqualTo(fp(p, lastDay))
                .isNotEqualTo(fp(PatchPolicy.defaults(), lastDay));
        assertThat(fp(p, lastDay.plusDays(1))).isNotEqualTo(fp(p, lastDay))
                .isEqualTo(fp(PatchPolicy.defaults(), lastDay.plusDays(1)));
    }

    @Test
    void exception_matchingNothingPending_leavesTheFingerprintAlone_whileAnotherReasonChangesIt() {
        PatchPolicy unrelated = PolicyLoader.parse("exceptions:\n  - package: httpd\n    reason: r\n    owner: o\n");
        assertThat(fp(unrelated, ISSUED)).isEqualTo(fp(PatchPolicy.defaults(), ISSUED));
        PatchPolicy a = PolicyLoader.parse("exceptions:\n  - package: curl\n    reason: r1\n    owner: o\n");
        PatchPolicy b = PolicyLoader.parse("exceptions:\n  - package: curl\n    reason: r2\n    owner: o\n");
        assertThat(fp(a, ISSUED)).isNotEqualTo(fp(b, ISSUED)).isNotEqualTo(fp(PatchPolicy.defaults(), ISSUED));
    }
}
