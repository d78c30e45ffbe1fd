package io.patchctl.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.plan.ModelAdvisor;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PlanCacheStatus;
import io.patchctl.core.plan.PolicyLoader;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.plan.StorePlanCache;
import io.patchctl.core.plan.approval.ExceptionState;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.testkit.MutableClock;
import io.patchctl.testkit.StubModelClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Approval age and exceptions through the whole workflow, one run clock: the model's plan is cached
 * while the hold stands and asked again on the day it ends (a cached plan never outlives it).
 */
class ApprovalWorkflowTest {

    // 23:59 UTC: the next run, two minutes later, is on the next UTC day
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:59:00Z"));
    private final InMemoryReportStore cacheStore = new InMemoryReportStore();

    /** A model that does what the prompt says the policy holds: installs the rest, holds those. */
    private final StubModelClient model = new StubModelClient("stub-model", request -> {
        boolean curlHeld = request.user().lines().anyMatch(l -> l.startsWith("Held by policy") && l.contains("curl"));
        String reply = curlHeld
                ? "{\"install\":[\"openssl-libs\"],\"hold\":[{\"package\":\"curl\",\"reason\":\"policy\"}],\"risk\":\"LOW\",\"reasoning\":\"r\"}"
                : "{\"install\":[\"openssl-libs\",\"curl\"],\"hold\":[],\"risk\":\"LOW\",\"reasoning\":\"r\"}";
        return new ModelReply(reply, "end_turn", "stub-model", 100, 20, 5, 1);
    });

    private RunReport run(PatchPolicy policy, AgentWorkflowTest.FakeDnf dnf) {
        StorePlanCache cache = StorePlanCache.builder().store(cacheStore).env("dev").owner("h").clock(clock)
                .ttl(Duration.ofDays(30)).pollInterval(Duration.ofMillis(10)).leaseTimeout(Duration.ofMinutes(1)).build();
        AgentWorkflow workflow = AgentWorkflow.builder().packageManager(dnf).clock(clock)
                .advisor(new ModelAdvisor(model, cache, new RulesAdvisor())).build();
        return workflow.run(new RunRequest("dev", "i-0abc", "web-1", "/", RunMode.PATCH, policy)).report();
    }

    private static AgentWorkflowTest.FakeDnf host(LocalDate curlIssued) {
        AgentWorkflowTest.FakeDnf dnf = new AgentWorkflowTest.FakeDnf();
        dnf.pending.add(new SecurityUpdate("RHSA-2026:0500", Severity.IMPORTANT, List.of(), "openssl-libs", "x86_64",
                "1-1.el8", "1-2.el8", LocalDate.of(2026, 9, 1)));
        dnf.pending.add(new SecurityUpdate("RHSA-2026:1001", Severity.MODERATE, List.of("CVE-2026-1111"), "curl", "x86_64",
                "1-1.el8", "1-2.el8", curlIssued));
        return dnf;
    }

    @Test
    void age_heldUntilItsDay_cachedPlanReusedMeanwhile_reaskedOnTheDay() {
        PatchPolicy policy = PolicyLoader.parse("approve_after_days: {moderate: 2}\n");
        // curl's advisory is from 2026-11-29: approvable on 2026-12-01
        RunReport day1 = run(policy, host(LocalDate.of(2026, 11, 29)));
        assertThat(day1.approved()).containsExactly("openssl-libs");
        assertThat(day1.held()).singleElement().satisfies(h -> assertThat(h.reason()).isEqualTo(
                "advisory RHSA-2026:1001 (Moderate) issued 2026-11-29 is 1 day(s) old; policy approves Moderate after 2"
                        + " day(s): approvable on 2026-12-01"));
        assertThat(day1.status()).isEqualTo(RunStatus.COMPLIANT); // only policy-held updates remain
        assertThat(day1.approvalAge().held()).singleElement().satisfies(h -> assertThat(h.approvableOn())
                .isEqualTo(LocalDate.of(2026, 12, 1)));
        assertThat(day1.advisor().planCache()).isEqualTo(PlanCacheStatus.MISS);

        // another host on the same day shares the plan
        RunReport sameDay = run(policy, host(LocalDate.of(2026, 11, 29)));
        assertThat(sameDay.advisor().planCache()).isEqualTo(PlanCacheStatus.HIT);
        assertThat(model.calls()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2)); // 2026-12-01 00:01 UTC
        RunReport day2 = run(policy, host(LocalDate.of(2026, 11, 29)));
        assertThat(day2.advisor().planCache()).isEqualTo(PlanCacheStatus.MISS);
        assertThat(model.calls()).isEqualTo(2);
        assertThat(day2.approved()).containsExactlyInAnyOrder("openssl-libs", "curl");
        assertThat(day2.held()).isEmpty();
        assertThat(day2.approvalAge().held()).isEmpty();
    }

    @Test
    void exception_holdsUntilItsExpiryDay_thenTheReportSaysItLapsedAndTheUpdateInstalls() {
        PatchPolicy policy = PolicyLoader.parse("""
                exceptions:
                  - cve: CVE-2026-1111
                    reason: vendor build pending
                    owner: alice
                    expires: 2026-12-01
                """);
        RunReport before = run(policy, host(LocalDate.of(2026, 10, 1)));
        assertThat(before.held()).singleElement().satisfies(h -> assertThat(h.reason())
                .isEqualTo("held by exception #0 (cve CVE-2026-1111, owner alice): vendor build pending (until 2026-12-01)"));
        assertThat(before.exceptions().entries()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(ExceptionState.LAPSING);
            assertThat(e.holding()).containsExactly("curl");
            assertThat(e.daysLeft()).isEqualTo(1);
        });
        assertThat(before.notes()).anyMatch(n -> n.contains("lapses on 2026-12-01 (in 1 day(s))"));

        clock.advance(Duration.ofMinutes(2));
        RunReport after = run(policy, host(LocalDate.of(2026, 10, 1)));
        assertThat(after.approved()).contains("curl");
        assertThat(after.apply().installed()).anyMatch(n -> n.startsWith("curl-"));
        assertThat(after.exceptions().entries()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(ExceptionState.LAPSED);
            assertThat(e.allowedAgain()).containsExactly("curl");
        });
        assertThat(after.exceptions().lapsed()).isEqualTo(1);
        assertThat(after.notes()).contains(
                "exception #0 (cve CVE-2026-1111, owner alice) lapsed on 2026-12-01; allowed again: curl");
        assertThat(model.calls()).isEqualTo(2); // the plan made under the exception was not reused after it
    }

    @Test
    void age_isJudgedOnTheUtcDate_whateverTheClocksZone() {
        PatchPolicy policy = PolicyLoader.parse("approve_after_days: {moderate: 2}\n");
        // 2026-11-30T23:59Z is already 2026-12-01 in Auckland: the UTC date (still 11-30) decides
        java.time.Clock auckland = java.time.Clock.fixed(Instant.parse("2026-11-30T23:59:00Z"),
                java.time.ZoneId.of("Pacific/Auckland"));
        AgentWorkflowTest.FakeDnf dnf = host(LocalDate.of(2026, 11, 29)); // approvable on 12-01 (UTC)
        RunReport report = AgentWorkflow.builder().packageManager(dnf).clock(auckland).build()
                .run(new RunRequest("dev", "i-0abc", "web-1", "/", RunMode.PATCH, policy)).report();
        assertThat(report.approvalAge().asOf()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(report.approved()).containsExactly("openssl-libs");
        assertThat(report.held()).singleElement().satisfies(h -> assertThat(h.reason())
                .contains("is 1 day(s) old").endsWith("approvable on 2026-12-01"));
    }
}
