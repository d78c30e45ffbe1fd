package io.patchctl.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.agent.PatchctlCommandLine;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.campaign.CampaignReport;
import io.patchctl.core.campaign.CampaignStatus;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.store.ReportKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code patchctl campaign} as an operator runs it: the real SDK's SSM client against WireMock (shapes
 * from botocore's SSM model, see SsmFleetCommandsTest) and the RunReports in an S3 bucket (S3Proxy).
 */
class CampaignCommandTest {

    private static final String COMMAND_ID = "0b6f2a6e-3c1d-4e8a-9f00-1234567890ab";
    private static final String BUCKET = "dev-rhel8-patch-logs-123456789012";

    private WireMockServer ssm;
    private S3ProxyServer s3;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Instant requested = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);

    @BeforeEach
    void start() {
        ssm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ssm.start();
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
    }

    @AfterEach
    void stop() {
        ssm.stop();
        s3.close();
    }

    private int execute(String... args) {
        CampaignCommand command = new CampaignCommand();
        command.env = Map.of("AWS_ENDPOINT_URL_SSM", ssm.baseUrl(), "AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        command.sleeper = sleeps::add;
        CommandLine campaign = PatchctlCommandLine.commandLine(command);
        campaign.setOut(new PrintWriter(out, true));
        campaign.setErr(new PrintWriter(err, true));
        return campaign.execute(args);
    }

    private void stub(String operation, String body) {
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM." + operation))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }

    private void commandFinished(int targets, String... instances) {
        String command = "{\"CommandId\":\"" + COMMAND_ID + "\",\"DocumentName\":\"dev-bedrock-rhel8-patch\",\"RequestedDateTime\":"
                + requested.getEpochSecond() + ",\"Status\":\"%s\",\"TargetCount\":" + targets + "}";
        stub("SendCommand", "{\"Command\":" + command.formatted("Pending") + "}");
        stub("ListCommands", "{\"Commands\":[" + command.formatted("Success") + "]}");
        List<String> invocations = new ArrayList<>();
        for (String instance : instances) {
            String[] parts = instance.split("=");
            invocations.add("{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceId\":\"" + parts[0] + "\",\"Status\":\"" + parts[1]
                    + "\",\"StatusDetails\":\"" + parts[1] + "\"}");
        }
        stub("ListCommandInvocations", "{\"CommandInvocations\":[" + String.join(",", invocations) + "]}");
    }

    private void storeReport(String instance, CampaignStatus status, String reason) {
        CampaignReport campaign = new CampaignReport(List.of("CVE-2026-0002"), List.of(), List.of(
                new CampaignReport.IdResult("CVE-2026-0002", status, List.of("openssl-libs"), reason)));
        Instant at = requested.plusSeconds(5);
        RunReport report = RunReport.builder().runId(instance + "-run").timestamp(at).environment("dev").instanceId(instance)
                .mode(RunMode.PATCH).status(RunStatus.COMPLIANT).campaign(campaign).build();
        try (S3ReportStore store = ReportStores.s3(BUCKET, s3.endpoint().toString(), "us-east-2", Map.of())) {
            store.put(ReportKeys.runReport("dev", instance, at, report.runIdPrefix()), Json.bytes(report));
        }
    }

    @Test
    void campaign_threeHosts_printsEachHostsResult_andExitsWithTheWorst() {
        commandFinished(3, "i-0aaa0000000000001=Success", "i-0bbb0000000000002=Success", "i-0ccc0000000000003=Success");
        storeReport("i-0aaa0000000000001", CampaignStatus.FIXED, null);
        storeReport("i-0bbb0000000000002", CampaignStatus.NOT_APPLICABLE, null);
        storeReport("i-0ccc0000000000003", CampaignStatus.HELD, "openssl-libs: severity Low is below the policy minimum Moderate");

        int code = execute("--env", "dev", "--cve", "CVE-2026-0002", "--max-concurrency", "2", "--max-errors", "0",
                "--report-bucket", BUCKET, "--region", "us-east-2");

        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(out.toString())
                .contains("campaign CVE-2026-0002 on PatchGroup rhel8-dev, command " + COMMAND_ID + ": 3 host(s)")
                .containsPattern("i-0aaa0000000000001 +SUCCESS +fixed +fixed")
                .containsPattern("i-0bbb0000000000002 +SUCCESS +not-applicable +not-applicable")
                .contains("i-0ccc0000000000003 CVE-2026-0002 held-by-policy: openssl-libs: severity Low is below the policy minimum")
                .contains("hosts: fixed 1, not applicable 1, held by policy 1, pending 0, failed 0");
        ssm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand"))
                .withRequestBody(matchingJsonPath("$.Parameters.cves[0]", equalTo("CVE-2026-0002")))
                .withRequestBody(matchingJsonPath("$.Parameters.advisories[0]", equalTo("")))
                .withRequestBody(matchingJsonPath("$.MaxConcurrency", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.MaxErrors", equalTo("0"))));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void campaign_hostWhoseAgentNeverReported_isFailed_exit4() {
        commandFinished(2, "i-0aaa0000000000001=Success", "i-0ccc0000000000003=Failed");
        storeReport("i-0aaa0000000000001", CampaignStatus.FIXED, null);

        int code = execute("--env", "dev", "--cve", "CVE-2026-0002", "--report-bucket", BUCKET);

        assertThat(code).as(err.toString()).isEqualTo(4);
        assertThat(out.toString()).containsPattern("i-0ccc0000000000003 +FAILED +failed +failed")
                .contains("i-0ccc0000000000003 CVE-2026-0002 failed: no RunReport of this campaign in s3://" + BUCKET
                        + "/bedrock-patch-runs/dev/i-0ccc0000000000003/ (invocation FAILED: Failed)");
    }

    @Test
    void badInput_isExit1_beforeAnythingIsSent() {
        assertThat(execute("--env", "dev", "--cve", "CVE-2026-12", "--report-bucket", BUCKET)).isEqualTo(1);
        assertThat(err.toString()).contains("'CVE-2026-12' is not a CVE id (expected CVE-YYYY-NNNN");
        assertThat(execute("--env", "dev", "--report-bucket", BUCKET)).isEqualTo(1);
        assertThat(err.toString()).contains("nothing to patch: give at least one --cve or --advisory");
        assertThat(execute("--env", "dev", "--advisory", "RHSA-2026:1001", "--max-concurrency", "0%", "--report-bucket", BUCKET))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--max-concurrency '0%' is not a value Run Command accepts");
        assertThat(execute("--env", "../prod", "--advisory", "RHSA-2026:1001", "--report-bucket", BUCKET)).isEqualTo(1);
        assertThat(err.toString()).contains("not a safe report key segment");
        ssm.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void unknownEnvironment_isExit1_namingTheMissingDocument() {
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InvalidDocument\",\"Message\":\"Document with name qa-bedrock-rhel8-patch does not exist.\"}")));

        int code = execute("--env", "qa", "--cve", "CVE-2026-0002", "--report-bucket", BUCKET);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("environment 'qa' has no Run Command document qa-bedrock-rhel8-patch");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void environmentWithoutTaggedHosts_isExit1() {
        commandFinished(0);

        int code = execute("--env", "dev", "--cve", "CVE-2026-0002", "--report-bucket", BUCKET);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no host is tagged PatchGroup=rhel8-dev");
    }
}
