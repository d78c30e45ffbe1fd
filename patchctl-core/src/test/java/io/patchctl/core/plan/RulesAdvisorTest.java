package io.patchctl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesAdvisorTest {

    @Test
    void plan_withKernelUpdate_holdsKernelAndPlansTheRest() {
        AdvisorOutcome outcome = new RulesAdvisor().advise(PolicyGuardTest.DISCOVERED, PatchPolicy.defaults());

        assertThat(outcome.plan().install()).containsExactly("openssl-libs", "curl", "zlib");
        assertThat(outcome.plan().hold()).containsExactly(
                new HeldPackage("kernel-core", "policy holds packages matching 'kernel*'"));
        assertThat(outcome.plan().risk()).isEqualTo(Risk.LOW);
        assertThat(outcome.plan().reasoning()).contains("update 3 package(s)").contains("1 Critical").contains("1 held");
        assertThat(outcome.info().kind()).isEqualTo("rules");
    }

    @Test
    void plan_samePackageInTwoAdvisories_isPlannedOnce() {
        List<SecurityUpdate> updates = List.of(PolicyGuardTest.update("RHSA-2026:0001", Severity.LOW, "curl"),
                PolicyGuardTest.update("RHSA-2026:0002", Severity.CRITICAL, "curl"));
        PatchPolicy importantOnly = new PatchPolicy(List.of(), Severity.IMPORTANT, false, 0);

        PatchPlan plan = new RulesAdvisor().plan(updates, importantOnly);

        // the most severe advisory decides: a Critical fix is not held because a Low one also exists
        assertThat(plan.install()).containsExactly("curl");
    }

    @Test
    void plan_nothingPending_isEmpty() {
        PatchPlan plan = new RulesAdvisor().plan(List.of(), PatchPolicy.defaults());

        assertThat(plan.install()).isEmpty();
        assertThat(plan.hold()).isEmpty();
        assertThat(plan.reasoning()).isEqualTo("rules: no pending security updates");
    }

    @Test
    void plan_rebootPackageAllowed_isMediumRisk() {
        List<SecurityUpdate> updates = List.of(PolicyGuardTest.update("RHSA-2026:0001", Severity.IMPORTANT, "glibc"));

        PatchPlan plan = new RulesAdvisor().plan(updates, PatchPolicy.defaults());

        assertThat(plan.install()).containsExactly("glibc");
        assertThat(plan.risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void rulesPlan_passesPolicyGuardUnchanged() {
        AdvisorOutcome outcome = new RulesAdvisor().advise(PolicyGuardTest.DISCOVERED, PatchPolicy.defaults());

        GuardedPlan guarded = new PolicyGuard(PatchPolicy.defaults()).guard(PolicyGuardTest.DISCOVERED, outcome);

        assertThat(guarded.rejected()).isEmpty();
        assertThat(guarded.approved()).containsExactlyInAnyOrderElementsOf(outcome.plan().install());
        // the guard adds who held it (kind); the advisor's plan states package and reason
        assertThat(guarded.held()).extracting(HeldPackage::packageName, HeldPackage::reason)
                .containsExactlyElementsOf(outcome.plan().hold().stream()
                        .map(h -> org.assertj.core.groups.Tuple.tuple(h.packageName(), h.reason())).toList());
        assertThat(guarded.held()).extracting(HeldPackage::kind).containsOnly(HoldKind.POLICY);
    }
}
