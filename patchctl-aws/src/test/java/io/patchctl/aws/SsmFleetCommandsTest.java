package io.patchctl.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.patchctl.core.campaign.CampaignReport;
import io.patchctl.core.campaign.CampaignSelection;
import io.patchctl.core.campaign.CampaignStatus;
import io.patchctl.core.campaign.fleet.CampaignLaunch;
import io.patchctl.core.campaign.fleet.CampaignResults;
import io.patchctl.core.campaign.fleet.CampaignRunner;
import io.patchctl.core.campaign.fleet.CampaignTable;
import io.patchctl.core.campaign.fleet.FleetCommandException;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.MemoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real SDK v2 SSM client against WireMock speaking the SSM JSON 1.1 protocol; request and response
 * shapes from botocore's model (boto/botocore botocore/data/ssm/2014-11-06/service-2.json, commit
 * 0e6e2404b85dc336dd2889814e089bde7d1a4c55: SendCommandRequest/Result, Command, ListCommands,
 * ListCommandInvocations with NextToken, CommandInvocationStatus; errors as {"__type": "InvalidDocument"}).
 */
class SsmFleetCommandsTest {

    private static final String COMMAND_ID = "0b6f2a6e-3c1d-4e8a-9f00-1234567890ab";
    private static final Instant REQUESTED = Instant.parse("2026-12-01T10:00:00Z");
    private static final CampaignSelection CAMPAIGN = new CampaignSelection(List.of("CVE-2026-0002", "CVE-2026-0006"),
            List.of("RHSA-2026:1002"));

    private WireMockServer ssm;
    private SsmFleetCommands commands;
    private final MutableClock clock = new MutableClock(REQUESTED);
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() {
        ssm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ssm.start();
        commands = SsmFleetCommands.create(AwsClientSettings.builder(AwsClientSettings.Profile.FLEET_COMMANDS).region("us-east-2")
                .endpointOverride(URI.create(ssm.baseUrl()))
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build(), "dev-rhel8-patch-logs-123456789012");
    }

    @AfterEach
    void stop() {
        commands.close();
        ssm.stop();
    }

    private void stub(String operation, String scenarioState, String nextState, String body) {
        com.github.tomakehurst.wiremock.client.MappingBuilder mapping =
                post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM." + operation));
        if (scenarioState != null) {
            com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder scenario =
                    mapping.inScenario(operation).whenScenarioStateIs(scenarioState);
            mapping = nextState == null ? scenario : scenario.willSetStateTo(nextState);
        }
        ssm.stubFor(mapping.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body)));
    }

    private static String command(String status, int targets, int completed) {
        return """
                {"CommandId":"%s","DocumentName":"dev-bedrock-rhel8-patch","DocumentVersion":"$LATEST",
                 "RequestedDateTime":%d,"Status":"%s","TargetCount":%d,"CompletedCount":%d,"ErrorCount":0,
                 "MaxConcurrency":"10%%","MaxErrors":"1","Targets":[{"Key":"tag:PatchGroup","Values":["rhel8-dev"]}]}
                """.formatted(COMMAND_ID, REQUESTED.getEpochSecond(), status, targets, completed);
    }

    private static String invocation(String instance, String status, String details) {
        return """
                {"CommandId":"%s","InstanceId":"%s","DocumentName":"dev-bedrock-rhel8-patch","RequestedDateTime":%d,
                 "Status":"%s","StatusDetails":"%s"}
                """.formatted(COMMAND_ID, instance, REQUESTED.getEpochSecond(), status, details);
    }

    private static void storeReport(MemoryReportStore store, String instance, Instant at, CampaignReport campaign) {
        RunReport report = RunReport.builder().runId(instance + "-run-0001").timestamp(at).environment("dev")
                .instanceId(instance).mode(RunMode.PATCH).status(RunStatus.COMPLIANT).campaign(campaign).build();
        store.put(ReportKeys.runReport("dev", instance, at, report.runIdPrefix()), Json.bytes(report));
    }

    private static CampaignReport campaign(CampaignStatus cve2, CampaignStatus cve6, CampaignStatus rhsa, String reason6) {
        return new CampaignReport(CAMPAIGN.cves(), CAMPAIGN.advisories(), List.of(
                new CampaignReport.IdResult("CVE-2026-0002", cve2, List.of("openssl-libs"), cve2 == CampaignStatus.FAILED
                        ? "not installed: openssl-libs (upgrade failed: scriptlet failed)" : null),
                new CampaignReport.IdResult("CVE-2026-0006", cve6, List.of("kernel"), reason6),
                new CampaignReport.IdResult("RHSA-2026:1002", rhsa, List.of(), null)));
    }

    @Test
    void campaignOverThreeHosts_sendsTheDocumentToThePatchGroup_waits_andReadsEachHostsReport() {
        stub("SendCommand", null, null, "{\"Command\":" + command("Pending", 0, 0) + "}");
        // first poll: one host still running, invocations in two pages; second poll: all done
        stub("ListCommands", Scenario.STARTED, "done", "{\"Commands\":[" + command("InProgress", 3, 2) + "]}");
        stub("ListCommands", "done", null, "{\"Commands\":[" + command("Success", 3, 3) + "]}");
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.ListCommandInvocations"))
                .withRequestBody(matchingJsonPath("$.NextToken", equalTo("page-2")))
                .inScenario("ListCommandInvocations").whenScenarioStateIs("second poll")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"CommandInvocations\":[" + invocation("i-0ccc0000000000003", "Failed", "Failed") + "]}")));
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.ListCommandInvocations"))
                .withRequestBody(equalToJson("{\"CommandId\":\"" + COMMAND_ID + "\",\"MaxResults\":50}"))
                .inScenario("ListCommandInvocations").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second poll")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"CommandInvocations\":[" + invocation("i-0aaa0000000000001", "Success", "Success") + ","
                                + invocation("i-0bbb0000000000002", "Success", "Success") + ","
                                + invocation("i-0ccc0000000000003", "InProgress", "InProgress") + "]}")));
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.ListCommandInvocations"))
                .withRequestBody(equalToJson("{\"CommandId\":\"" + COMMAND_ID + "\",\"MaxResults\":50}"))
                .inScenario("ListCommandInvocations").whenScenarioStateIs("second poll")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"CommandInvocations\":[" + invocation("i-0aaa0000000000001", "Success", "Success") + ","
                                + invocation("i-0bbb0000000000002", "Success", "Success") + "],\"NextToken\":\"page-2\"}")));
        MemoryReportStore store = new MemoryReportStore();
        storeReport(store, "i-0aaa0000000000001", REQUESTED.plusSeconds(40),
                campaign(CampaignStatus.FIXED, CampaignStatus.NOT_APPLICABLE, CampaignStatus.NOT_APPLICABLE, null));
        storeReport(store, "i-0bbb0000000000002", REQUESTED.plusSeconds(50),
                campaign(CampaignStatus.FIXED, CampaignStatus.HELD, CampaignStatus.NOT_APPLICABLE,
                        "kernel: policy holds packages matching 'kernel*'"));
        // an older report of the same host from before this command: never taken for this campaign
        storeReport(store, "i-0bbb0000000000002", REQUESTED.minus(Duration.ofDays(1)),
                campaign(CampaignStatus.FAILED, CampaignStatus.FAILED, CampaignStatus.FAILED, "old"));
        storeReport(store, "i-0ccc0000000000003", REQUESTED.plusSeconds(70),
                campaign(CampaignStatus.FAILED, CampaignStatus.NOT_APPLICABLE, CampaignStatus.NOT_APPLICABLE, null));
        CampaignRunner runner = new CampaignRunner(commands, store, clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        }, Duration.ofSeconds(15), Duration.ofMinutes(30), s -> { });

        CampaignResults results = runner.run(new CampaignLaunch("dev", CAMPAIGN, "10%", "1"));

        ssm.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand"))
                .withRequestBody(matchingJsonPath("$.DocumentName", equalTo("dev-bedrock-rhel8-patch")))
                .withRequestBody(matchingJsonPath("$.DocumentVersion", equalTo("$LATEST")))
                .withRequestBody(matchingJsonPath("$.Targets[0].Key", equalTo("tag:PatchGroup")))
                .withRequestBody(matchingJsonPath("$.Targets[0].Values[0]", equalTo("rhel8-dev")))
                .withRequestBody(matchingJsonPath("$.Parameters.cves[0]", equalTo("CVE-2026-0002,CVE-2026-0006")))
                .withRequestBody(matchingJsonPath("$.Parameters.advisories[0]", equalTo("RHSA-2026:1002")))
                .withRequestBody(matchingJsonPath("$.MaxConcurrency", equalTo("10%")))
                .withRequestBody(matchingJsonPath("$.MaxErrors", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.OutputS3BucketName", equalTo("dev-rhel8-patch-logs-123456789012")))
                .withRequestBody(matchingJsonPath("$.OutputS3KeyPrefix", equalTo("bedrock-patch/dev"))));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(15));
        assertThat(results.commandId()).isEqualTo(COMMAND_ID);
        assertThat(results.timedOut()).isFalse();
        assertThat(results.hosts()).extracting(h -> h.invocation().instanceId())
                .containsExactly("i-0aaa0000000000001", "i-0bbb0000000000002", "i-0ccc0000000000003");
        assertThat(results.hosts()).extracting(h -> h.status())
                .containsExactly(CampaignStatus.FIXED, CampaignStatus.HELD, CampaignStatus.FAILED);
        assertThat(results.hosts().get(1).statusOf("CVE-2026-0002")).isEqualTo(CampaignStatus.FIXED);
        assertThat(results.exitCode()).isEqualTo(ExitCode.FAILED);
        String table = CampaignTable.render(results);
        assertThat(table).contains("i-0bbb0000000000002  SUCCESS     held-by-policy  fixed          held-by-policy  not-applicable")
                .contains("i-0bbb0000000000002 CVE-2026-0006 held-by-policy: kernel: policy holds packages matching 'kernel*'")
                .contains("i-0ccc0000000000003 CVE-2026-0002 failed: not installed: openssl-libs")
                .contains("hosts: fixed 1, not applicable 0, held by policy 1, pending 0, failed 1");
    }

    @Test
    void waitTimeout_leavesTheRunningHostPending_exit3() {
        stub("SendCommand", null, null, "{\"Command\":" + command("Pending", 0, 0) + "}");
        stub("ListCommands", null, null, "{\"Commands\":[" + command("InProgress", 1, 0) + "]}");
        stub("ListCommandInvocations", null, null,
                "{\"CommandInvocations\":[" + invocation("i-0aaa0000000000001", "InProgress", "InProgress") + "]}");
        CampaignRunner runner = new CampaignRunner(commands, new MemoryReportStore(), clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        }, Duration.ofSeconds(30), Duration.ofSeconds(90), s -> { });

        CampaignResults results = runner.run(new CampaignLaunch("dev", CAMPAIGN, "1", "0"));

        assertThat(sleeps).hasSize(3);
        assertThat(results.timedOut()).isTrue();
        assertThat(results.hosts()).singleElement().satisfies(h -> {
            assertThat(h.status()).isEqualTo(CampaignStatus.PENDING);
            assertThat(h.note()).isEqualTo("invocation still IN_PROGRESS when the wait ended");
        });
        assertThat(results.exitCode()).isEqualTo(ExitCode.NON_COMPLIANT);
    }

    @Test
    void unknownEnvironment_isAClearError_namingTheDocument() {
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InvalidDocument\",\"Message\":\"Document with name qa-bedrock-rhel8-patch does not exist.\"}")));

        assertThatThrownBy(() -> commands.send(new CampaignLaunch("qa", CAMPAIGN, "10%", "1")))
                .isInstanceOf(FleetCommandException.class)
                .hasMessageContaining("environment 'qa' has no Run Command document qa-bedrock-rhel8-patch")
                .hasMessageContaining("does not exist");
    }

    @Test
    void rateControls_outsideTheApisPatterns_areRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> commands.send(new CampaignLaunch("dev", CAMPAIGN, "0", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--max-concurrency '0'");
        assertThatThrownBy(() -> commands.send(new CampaignLaunch("dev", CAMPAIGN, "10%", "101%")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--max-errors '101%'");
        ssm.verify(0, postRequestedFor(urlEqualTo("/")));
    }
}
