package io.patchctl.core.plan.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PolicyLoader;
import io.patchctl.core.plan.PolicyRules;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Holds of approve_after_days and exceptions at their day boundaries (UTC dates). */
class ApprovalRulesTest {

    private static final LocalDate ISSUED = LocalDate.of(2026, 11, 24);
    private static final PatchPolicy WAIT_7 = PolicyLoader.parse("approve_after_days: {important: 7, low: 30}\n");

    private static SecurityUpdate update(String name, String advisory, Severity severity, LocalDate issued, String... cves) {
        return new SecurityUpdate(advisory, severity, List.of(cves), name, "x86_64", "1.0-1", "1.0-2", issued);
    }

    private static PolicyRules rules(PatchPolicy policy, LocalDate today) {
        return new PolicyRules(policy.asOf(today));
    }

    @Test
    void age_dayNMinusOne_isHeldNamingAgeAndDay_dayN_isApproved() {
        SecurityUpdate u = update("openssl-libs", "RHSA-2026:1001", Severity.IMPORTANT, ISSUED);
        assertThat(rules(WAIT_7, ISSUED.plusDays(6)).holdReason(u.name(), List.of(u))).contains(
                "advisory RHSA-2026:1001 (Important) issued 2026-11-24 is 6 day(s) old; policy approves Important after 7"
                        + " day(s): approvable on 2026-12-01");
        assertThat(rules(WAIT_7, ISSUED.plusDays(7)).holdReason(u.name(), List.of(u))).isEmpty();
        assertThat(rules(WAIT_7, ISSUED).holdReason(u.name(), List.of(u))).get().asString().contains("is 0 day(s) old");
    }

    @Test
    void age_severityWithoutWait_isNeverHeld_andZeroDaysIsNoWait() {
        SecurityUpdate critical = update("curl", "RHSA-2026:1002", Severity.CRITICAL, ISSUED);
        assertThat(rules(WAIT_7, ISSUED).holdReason(critical.name(), List.of(critical))).isEmpty();
        PatchPolicy zero = PolicyLoader.parse("approve_after_days: {critical: 0}\n");
        assertThat(rules(zero, ISSUED.minusDays(3)).holdReason(critical.name(), List.of(critical))).isEmpty();
        assertThat(zero.approval().isEmpty()).isTrue();
    }

    @Test
    void age_packageWithAnOldAndAYoungAdvisory_waitsForTheYoungest() {
        SecurityUpdate old = update("glib2", "RHSA-2026:0900", Severity.IMPORTANT, ISSUED.minusDays(60));
        SecurityUpdate young = update("glib2", "RHSA-2026:1100", Severity.LOW, ISSUED);
        PolicyRules r = rules(WAIT_7, ISSUED.plusDays(10));
        assertThat(r.holdReason("glib2", List.of(old, young))).get().asString()
                .contains("RHSA-2026:1100 (Low)").endsWith("approvable on 2026-12-24");
    }

    @Test
    void age_undatedAdvisory_isApprovedAndNamedInTheReport() {
        SecurityUpdate undated = update("zlib", "RHSA-2026:1003", Severity.IMPORTANT, null);
        ApprovalRules a = new ApprovalRules(WAIT_7.approval(), ISSUED);
        assertThat(a.holdReason("zlib", List.of(undated))).isEmpty();
        assertThat(a.ageSection(List.of(undated)).undated()).containsExactly("zlib (RHSA-2026:1003)");
        assertThat(a.notes(List.of(undated))).singleElement().asString()
                .contains("approved without an age check").contains("zlib (RHSA-2026:1003)");
    }

    @Test
    void age_unratedAdvisory_waitsForUnratedOnly() {
        SecurityUpdate unrated = update("tzdata", "FEDORA-2026-abc", Severity.UNKNOWN, ISSUED);
        assertThat(rules(WAIT_7, ISSUED).holdReason("tzdata", List.of(unrated))).isEmpty();
        PatchPolicy p = PolicyLoader.parse("approve_after_days: {unrated: 2}\n");
        assertThat(rules(p, ISSUED.plusDays(1)).holdReason("tzdata", List.of(unrated))).get().asString()
                .contains("policy approves unrated advisories after 2 day(s): approvable on 2026-11-26");
    }

    @Test
    void age_ageSection_listsHeldWithApprovableDay() {
        SecurityUpdate u = update("openssl-libs", "RHSA-2026:1001", Severity.IMPORTANT, ISSUED);
        ApprovalAgeSection s = new ApprovalRules(WAIT_7.approval(), ISSUED.plusDays(2)).ageSection(List.of(u));
        assertThat(s.approveAfterDays()).isEqualTo(Map.of("important", 7, "low", 30));
        assertThat(s.held()).singleElement().satisfies(h -> {
            assertThat(h.ageDays()).isEqualTo(2);
            assertThat(h.approvableOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        });
    }

    private static final PatchPolicy EXCEPTIONS = PolicyLoader.parse("""
            exceptions:
              - package: "openssh*"
                reason: sshd migration
                owner: alice
                expires: 2026-12-10
              - cve: CVE-2024-6387
                reason: mitigated
                owner: bob
              - advisory: RHSA-2026:2000
                reason: breaks billing
                owner: carol
                expires: 2026-11-01
            """);

    @Test
    void exception_expiresTomorrow_holds_expiresToday_lapses() {
        SecurityUpdate ssh = update("openssh-server", "RHSA-2026:1500", Severity.IMPORTANT, ISSUED);
        assertThat(rules(EXCEPTIONS, LocalDate.of(2026, 12, 9)).holdReason(ssh.name(), List.of(ssh)))
                .contains("held by exception #0 (package openssh*, owner alice): sshd migration (until 2026-12-10)");
        assertThat(rules(EXCEPTIONS, LocalDate.of(2026, 12, 10)).holdReason(ssh.name(), List.of(ssh))).isEmpty();
    }

    @Test
    void exception_byCveOrAdvisory_matchesThePackagesThatCarryIt() {
        SecurityUpdate cve = update("openssl", "RHSA-2026:1600", Severity.IMPORTANT, ISSUED, "CVE-2024-6387");
        SecurityUpdate advisory = update("libxml2", "rhsa-2026:2000", Severity.IMPORTANT, ISSUED);
        PolicyRules r = rules(EXCEPTIONS, LocalDate.of(2026, 10, 1));
        assertThat(r.holdReason("openssl", List.of(cve))).get().asString().contains("exception #1").endsWith("(no expiry)");
        assertThat(r.holdReason("libxml2", List.of(advisory))).get().asString().contains("exception #2");
        assertThat(rules(EXCEPTIONS, LocalDate.of(2026, 11, 1)).holdReason("libxml2", List.of(advisory))).isEmpty();
    }

    @Test
    void exception_outranksAge_andSeverityHoldsComeFirst() {
        SecurityUpdate ssh = update("openssh", "RHSA-2026:1500", Severity.IMPORTANT, ISSUED);
        PatchPolicy both = EXCEPTIONS.toBuilder().approveAfterDays(Map.of(Severity.IMPORTANT, 7)).build();
        assertThat(rules(both, ISSUED).holdReason("openssh", List.of(ssh))).get().asString().startsWith("held by exception #0");
        PatchPolicy critical = both.toBuilder().minimumSeverity(Severity.CRITICAL).build();
        assertThat(rules(critical, ISSUED).holdReason("openssh", List.of(ssh))).get().asString().startsWith("severity Important");
    }

    @Test
    void exceptionsSection_statesOnEachDay() {
        List<SecurityUpdate> discovered = List.of(update("openssh-server", "RHSA-2026:1500", Severity.IMPORTANT, ISSUED),
                update("libxml2", "RHSA-2026:2000", Severity.LOW, ISSUED));
        // 2026-12-02: #0 expires in 8 days (active), #1 no expiry, #2 lapsed at load
        ExceptionsSection s = new ApprovalRules(EXCEPTIONS.approval(), LocalDate.of(2026, 12, 2)).exceptionsSection(discovered);
        assertThat(s.entries()).extracting(ExceptionStatus::state)
                .containsExactly(ExceptionState.ACTIVE, ExceptionState.ACTIVE, ExceptionState.LAPSED);
        assertThat(s.entries().get(0).holding()).containsExactly("openssh-server");
        assertThat(s.entries().get(1).holding()).isEmpty();
        assertThat(s.entries().get(1).noExpiry()).isTrue();
        assertThat(s.entries().get(1).note()).contains("holds nothing pending; it has no expiry");
        assertThat(s.entries().get(2).allowedAgain()).containsExactly("libxml2");
        assertThat(s.entries().get(2).note()).isEqualTo(
                "exception #2 (advisory RHSA-2026:2000, owner carol) lapsed on 2026-11-01; allowed again: libxml2");
        assertThat(List.of(s.active(), s.lapsing(), s.lapsed(), s.noExpiry())).containsExactly(2, 0, 1, 1);
        // 2026-12-03: seven days left, lapsing; 2026-12-09: one day left
        ExceptionStatus sevenLeft = new ApprovalRules(EXCEPTIONS.approval(), LocalDate.of(2026, 12, 3))
                .exceptionsSection(discovered).entries().get(0);
        assertThat(sevenLeft.state()).isEqualTo(ExceptionState.LAPSING);
        assertThat(sevenLeft.daysLeft()).isEqualTo(7);
        assertThat(sevenLeft.note()).endsWith("it lapses on 2026-12-10 (in 7 day(s))");
        ExceptionStatus lastDay = new ApprovalRules(EXCEPTIONS.approval(), LocalDate.of(2026, 12, 9))
                .exceptionsSection(discovered).entries().get(0);
        assertThat(lastDay.state()).isEqualTo(ExceptionState.LAPSING);
        assertThat(lastDay.holding()).containsExactly("openssh-server");
        ExceptionStatus expiryDay = new ApprovalRules(EXCEPTIONS.approval(), LocalDate.of(2026, 12, 10))
                .exceptionsSection(discovered).entries().get(0);
        assertThat(expiryDay.state()).isEqualTo(ExceptionState.LAPSED);
        assertThat(expiryDay.allowedAgain()).containsExactly("openssh-server");
        assertThat(expiryDay.holding()).isEmpty();
    }

    @Test
    void noRules_noSections() {
        ApprovalRules none = new ApprovalRules(PatchPolicy.defaults().approval(), ISSUED);
        assertThat(none.exceptionsSection(List.of())).isNull();
        assertThat(none.ageSection(List.of())).isNull();
        assertThat(none.fingerprint(List.of(update("a", "X-1", Severity.LOW, ISSUED)))).isEmpty();
    }
}
