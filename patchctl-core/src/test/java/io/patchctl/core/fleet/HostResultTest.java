package io.patchctl.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.Distro;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.AdvisorInfo;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.plan.Rejection;
import io.patchctl.core.report.AdvisorSection;
import io.patchctl.core.report.ApplyResult;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostResultTest {

    private static RunReport report() {
        return RunReport.builder().runId("3f1c2a9e-0000-4000-8000-000000000001").timestamp(Instant.parse("2026-11-26T14:30:00Z"))
                .environment("dev").instanceId("i-0abc").hostname("web-1").installroot("/").mode(RunMode.PATCH)
                .status(RunStatus.FAILED).exitCode(4).durationMillis(1234)
                .discovered(List.of(new SecurityUpdate("RHSA-2026:0001", Severity.IMPORTANT, List.of("CVE-2026-0001"),
                        "openssl-libs", "x86_64", "1:1.1.1k-1.el8", "1:1.1.1k-2.el8")))
                .advisor(AdvisorSection.of(AdvisorInfo.rules(1), io.patchctl.core.plan.PlanCacheStatus.MISS))
                .held(List.of(new HeldPackage("kernel-core", "policy")))
                .rejected(List.of(new Rejection("nginx", "not reported")))
                .apply(new ApplyResult(true, false, 1, List.of("curl-7.61.1-2.el8.x86_64"), "Error: Transaction test error", ""))
                .distro(new Distro("rocky", "9.3", "Rocky Linux", "Rocky Linux 9.3 (Blue Onyx)"))
                .build();
    }

    @Test
    void agentReport_readTyped_isTheSameHostAsReadFieldByField() {
        JsonNode json = Json.mapper().valueToTree(report());

        HostResult typed = HostResult.fromRunReport("k", json);

        assertThat(typed).isEqualTo(HostResult.fromJsonTolerantly("k", json));
        assertThat(typed.outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(typed.exitCode()).isEqualTo(4);
        assertThat(typed.error()).isEqualTo("Error: Transaction test error");
        assertThat(typed.distro()).isEqualTo("Rocky Linux 9.3");
        assertThat(typed.held()).containsExactly(new HeldItem("kernel-core", "policy"));
        assertThat(typed.rejected()).containsExactly(new HeldItem("nginx", "not reported"));
        assertThat(typed.discovered()).singleElement().satisfies(u -> assertThat(u.packageName()).isEqualTo("openssl-libs"));
        assertThat(typed.planCache()).isEqualTo("miss");
    }

    @Test
    void reportTheRecordCannotRead_isStillShown_fieldByField() {
        ObjectNode json = Json.mapper().valueToTree(report());
        json.putArray("held").add("kernel-core"); // an older agent wrote plain names
        json.put("status", "EXPLODED");

        HostResult host = HostResult.fromRunReport("k", json);

        assertThat(host.held()).containsExactly(new HeldItem("kernel-core", ""));
        assertThat(host.outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(host.hostname()).isEqualTo("web-1");
    }

    @Test
    void reportWithoutExitCode_keepsItUnknown_notZero() {
        ObjectNode json = Json.mapper().valueToTree(report());
        json.remove("exit_code");

        assertThat(HostResult.fromRunReport("k", json).exitCode()).isNull();
    }

    @Test
    void withInsightAndSchedule_changeOnlyThoseFields() {
        HostResult host = HostResult.withoutRun("i-07", "dev", HostOutcome.NOT_STARTED, "not started");
        Instant t = Instant.parse("2026-11-26T14:30:00Z");

        HostResult scheduled = host.withSchedule(t, t.plusSeconds(9));

        assertThat(scheduled.toBuilder().startedAt(null).finishedAt(null).build()).isEqualTo(host);
        assertThat(scheduled.startedAt()).isEqualTo(t);
        assertThat(host.hostname()).isEmpty();
        assertThat(host.planCache()).isEmpty();
    }
}
