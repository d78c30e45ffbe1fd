package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.hooks.HookPhase;
import io.patchctl.core.hooks.HookResult;
import io.patchctl.core.hooks.HookSpec;
import io.patchctl.core.hooks.HooksReport;
import io.patchctl.core.hooks.RollbackResult;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.report.ApplyResult;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.testkit.TestEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run ended by a hook reaches insights like any failed run (SSM: the command Failed, exit 8 or 4):
 * the context reads its RunReport and the rules explain ROLLED_BACK, ROLLBACK_FAILED and HOOK_FAILED.
 */
class HookFailureInsightsTest {

    static final String I = "i-0a1b2c3d4e5f60718";
    static final Instant RUN = Instant.parse("2026-11-21T02:10:05Z");
    static final HookSpec CHECK = HookSpec.of(List.of("/usr/local/sbin/health-check"), Duration.ofSeconds(60));
    /** dnf's upgrade output ends with "Complete!": lines before it read as survived, so the hook lines must come after. */
    static final ApplyResult APPLIED = new ApplyResult(true, true, 0, List.of("curl-7.61.1-34.el8.x86_64"), null,
            "Upgraded:\n  curl-7.61.1-34.el8.x86_64\nComplete!");

    final InMemoryReportStore store = new InMemoryReportStore();

    JsonNode analyse(RunReport report) throws Exception {
        store.put(ReportKeys.runReport("dev", I, RUN, "6b1f8c3e"), Json.bytes(report));
        Instant event = RUN.plusSeconds(90);
        InsightService service = new InsightService(new InsightSettings("dev", "us-east-2", Duration.ofHours(6), 8192), store,
                new RulesAnalyst(), WindowTargetResolver.NONE, (r, key) -> { }, Clock.fixed(event, ZoneOffset.UTC));
        InsightResult result = service.process(TestEvents.commandFailed("ev-" + report.status(), event.toString(), I, "cmd-1"));
        return Json.mapper().readTree(store.get(result.keys().get(0)).orElseThrow());
    }

    RunReport.Builder run(RunStatus status, String error, HooksReport hooks) {
        return RunReport.builder().runId("6b1f8c3e-0000-4000-8000-000000000001").timestamp(RUN).environment("dev").instanceId(I)
                .status(status).exitCode(ExitCode.of(status).code()).error(error).hooks(hooks);
    }

    static HookResult failedCheck() {
        return HookResult.of(HookPhase.POST_INSTALL, CHECK, 1, false, 20, "GET /health\nNo space left on device (cache)", null);
    }

    @Test
    void rolledBack_isExplainedAsARollback_evenWhenTheHookQuotesADnfLikeError() throws Exception {
        RollbackResult rollback = new RollbackResult(41L, true, true, List.of("curl.x86_64 7.61.1-33.el8"), List.of(), null, "Complete!");
        RunReport report = run(RunStatus.ROLLED_BACK, failedCheck().summary() + "; rolled back dnf transaction 41: curl.x86_64 7.61.1-33.el8 back",
                new HooksReport(List.of(failedCheck()), List.of(), 41L, rollback)).apply(APPLIED).build();

        JsonNode insight = analyse(report);

        assertThat(report.exitCode()).isEqualTo(8);
        assertThat(insight.at("/context/error_class").asText()).isEqualTo("ROLLED_BACK");
        assertThat(insight.at("/analysis/root_cause").asText()).contains("undid its own dnf transaction")
                .contains("vulnerabilities the update fixes are still open");
        assertThat(insight.at("/analysis/escalate").asBoolean()).isTrue();
        assertThat(insight.at("/context/run_report_excerpt").asText()).contains("hooks.post_install.output_tail")
                .contains("hooks.rollback: rolled back dnf transaction 41");
    }

    @Test
    void rollbackFailed_isExplainedAsSuch() throws Exception {
        RollbackResult rollback = new RollbackResult(41L, true, false, List.of(), List.of(),
                "dnf history undo 41: Error: No package curl-7.61.1-33.el8.x86_64 available.", "tail");
        RunReport report = run(RunStatus.FAILED, failedCheck().summary() + "; rollback of dnf transaction 41 failed: " + rollback.error(),
                new HooksReport(List.of(failedCheck()), List.of("curl-7.61.1-33.el8.x86_64"), 41L, rollback)).apply(APPLIED).build();

        JsonNode insight = analyse(report);

        assertThat(insight.at("/context/error_class").asText()).isEqualTo("ROLLBACK_FAILED");
        assertThat(insight.at("/analysis/root_cause").asText()).contains("undoing the run's dnf transaction failed");
    }

    @Test
    void preInstallFailed_isAHookFailure() throws Exception {
        HookResult drain = HookResult.of(HookPhase.PRE_INSTALL, CHECK, null, true, 60_000, "waiting for target group", null);
        RunReport report = run(RunStatus.FAILED, drain.summary() + "; nothing was installed",
                new HooksReport(List.of(drain), List.of(), null, null)).build();

        JsonNode insight = analyse(report);

        assertThat(insight.at("/context/error_class").asText()).isEqualTo("HOOK_FAILED");
        assertThat(insight.at("/analysis/root_cause").asText()).contains("operator hook of the patch policy failed");
        assertThat(insight.at("/analysis/escalate").asBoolean()).isFalse();
    }
}
