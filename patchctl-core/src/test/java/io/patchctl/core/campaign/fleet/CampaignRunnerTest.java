package io.patchctl.core.campaign.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.campaign.CampaignReport;
import io.patchctl.core.campaign.CampaignSelection;
import io.patchctl.core.campaign.CampaignStatus;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.MemoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stored report counts as a host's result of this campaign (the port faked; SSM itself in patchctl-aws). */
class CampaignRunnerTest {

    private static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");
    private static final CampaignSelection ASKED = new CampaignSelection(List.of("CVE-2026-0003"), List.of());
    private static final String HOST = "i-0aaa0000000000001";

    private final MutableClock clock = new MutableClock(SENT);
    private final MemoryReportStore store = new MemoryReportStore();

    /** A fleet whose command is already finished on one host. */
    private static FleetCommands finished(List<HostInvocation> invocations) {
        return new FleetCommands() {
            @Override
            public SentCommand send(CampaignLaunch launch) {
                return new SentCommand("cmd-1", SENT);
            }

            @Override
            public CommandProgress progress(String commandId) {
                return new CommandProgress(InvocationState.SUCCESS, invocations.size(), invocations);
            }
        };
    }

    private void store(Instant at, List<String> cves, CampaignStatus status, String runId) {
        CampaignReport campaign = new CampaignReport(cves, List.of(),
                cves.stream().map(id -> new CampaignReport.IdResult(id, status, List.of("curl"), null)).toList());
        RunReport report = RunReport.builder().runId(runId).timestamp(at).environment("dev").instanceId(HOST)
                .mode(RunMode.PATCH).status(RunStatus.COMPLIANT).campaign(campaign).build();
        store.put(ReportKeys.runReport("dev", HOST, at, report.runIdPrefix()), Json.bytes(report));
    }

    private CampaignResults run(FleetCommands fleet) {
        List<Duration> sleeps = new ArrayList<>();
        return new CampaignRunner(fleet, store, clock, sleeps::add, Duration.ofSeconds(5), Duration.ofMinutes(1), s -> { })
                .run(new CampaignLaunch("dev", ASKED, "10%", "1"));
    }

    @Test
    void newestReportOfTheSameIds_isTaken_notAnotherCampaignsNorAnOlderRun() {
        store(SENT.minus(Duration.ofDays(2)), List.of("CVE-2026-0003"), CampaignStatus.FAILED, "old-run-1");
        store(SENT.plusSeconds(30), List.of("CVE-2026-0003"), CampaignStatus.FIXED, "this-run");
        // a later run of another campaign on the same host
        store(SENT.plusSeconds(90), List.of("CVE-2026-0003", "CVE-2026-9999"), CampaignStatus.FAILED, "other-ca");

        CampaignResults results = run(finished(List.of(new HostInvocation(HOST, InvocationState.SUCCESS, "Success"))));

        assertThat(results.hosts()).singleElement().satisfies(h -> assertThat(h.status()).isEqualTo(CampaignStatus.FIXED));
        assertThat(results.exitCode()).isEqualTo(ExitCode.COMPLIANT);
    }

    @Test
    void onlyAnOlderRun_isNoResult_andTheFinishedHostCountsAsFailed() {
        store(SENT.minus(Duration.ofMinutes(10)), List.of("CVE-2026-0003"), CampaignStatus.FIXED, "old-run-1");

        CampaignResults results = run(finished(List.of(new HostInvocation(HOST, InvocationState.TIMED_OUT, "Execution Timed Out"))));

        assertThat(results.hosts()).singleElement().satisfies(h -> {
            assertThat(h.status()).isEqualTo(CampaignStatus.FAILED);
            assertThat(h.note()).contains("no RunReport of this campaign").contains("(invocation TIMED_OUT: Execution Timed Out)");
        });
        assertThat(results.exitCode()).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void allNotApplicable_isNotApplicable_andExit0() {
        store(SENT.plusSeconds(30), List.of("CVE-2026-0003"), CampaignStatus.NOT_APPLICABLE, "this-run");

        CampaignResults results = run(finished(List.of(new HostInvocation(HOST, InvocationState.SUCCESS, ""))));

        assertThat(results.hosts().get(0).status()).isEqualTo(CampaignStatus.NOT_APPLICABLE);
        assertThat(results.counts().get(CampaignStatus.NOT_APPLICABLE)).isEqualTo(1);
        assertThat(results.exitCode()).isEqualTo(ExitCode.COMPLIANT);
        assertThat(CampaignTable.render(results)).contains("hosts: fixed 0, not applicable 1, held by policy 0");
    }
}
