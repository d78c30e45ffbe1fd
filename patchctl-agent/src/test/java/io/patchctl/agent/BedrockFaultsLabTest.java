package io.patchctl.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.patchctl.aws.BedrockStub;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bedrock faults through {@code patchctl run}: every one gives a report, the documented exit code and
 * a fallback reason, without hanging. Scan-only runs (discovery through real dnf, nothing changes),
 * so one lab host serves every fault.
 */
class BedrockFaultsLabTest {

    private static final String PLAN = "{\"install\":[\"openssl-libs\",\"curl\",\"sudo\",\"zlib\",\"libxml2\"],"
            + "\"hold\":[],\"risk\":\"LOW\",\"reasoning\":\"ok\"}";

    static Lab lab;
    static BedrockLabFixture aws;
    static LabHost host;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start(@TempDir Path hostDir) {
        lab = Lab.build(StandardLabs.mixed());
        aws = new BedrockLabFixture();
        host = lab.newHost(hostDir.resolve("h"), HostSpec.allBase());
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("429 forever", BedrockStub.error(429, "ThrottlingException", "Too many requests"), "THROTTLED: "),
                Arguments.of("500", BedrockStub.error(500, "InternalServerException", "internal"), "SERVICE_ERROR: "),
                Arguments.of("503", BedrockStub.error(503, "ServiceUnavailableException", "unavailable"), "SERVICE_ERROR: "),
                Arguments.of("slower than the budget", BedrockStub.reply(PLAN, "end_turn", 1, 1).withFixedDelay(20_000), "TIMEOUT: "),
                Arguments.of("dropped connection", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "CONNECTION: "),
                Arguments.of("truncated reply", BedrockStub.reply(PLAN, "max_tokens", 900, 1024),
                        "BAD_REPLY: reply truncated (stop_reason=max_tokens)"),
                Arguments.of("AccessDenied", BedrockStub.error(403, "AccessDeniedException",
                        "You don't have access to the model with the specified model ID."), "ACCESS_DENIED: "),
                Arguments.of("model end of life", BedrockStub.error(400, "ValidationException",
                        "This model version has reached the end of its life."), "MODEL_UNAVAILABLE: "));
    }

    /**
     * The reason proves the fault was handled as that fault: the slow reply would arrive after 20 s with a
     * valid plan, so a missing 6 s budget would show as a Bedrock plan, not as TIMEOUT. The JUnit timeout
     * (20x the budget, and it includes real dnf) only turns a hang into a failure.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fault_fallsBackToRules_withReportAndExitCode(String name, ResponseDefinitionBuilder response, String reason) {
        aws.answer(response);

        LabRun run = BedrockLabFixture.run(host, "--scan-only", "--no-compliance", "--no-plan-cache", "--bedrock-budget=6");

        assertThat(run.exitCode).as(run.stderr).isEqualTo(3); // scan-only, allowed updates pending
        JsonNode report = BedrockLabFixture.report(run);
        assertThat(report.at("/advisor/kind").asText()).isEqualTo("rules");
        assertThat(report.at("/advisor/fallback_reason").asText()).startsWith(reason);
        assertThat(report.get("approved")).hasSize(5);
    }

    @Test
    void throttledOnceThenOk_isRetriedAndPlansWithBedrock() {
        aws.bedrock.resetAll();
        aws.bedrock.stubFor(post(urlPathMatching(BedrockLabFixture.INVOKE)).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(BedrockStub.error(429, "ThrottlingException", "slow down")).willSetStateTo("ok"));
        aws.bedrock.stubFor(post(urlPathMatching(BedrockLabFixture.INVOKE)).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(BedrockStub.reply(PLAN, "end_turn", 700, 80)));

        LabRun run = BedrockLabFixture.run(host, "--scan-only", "--no-compliance", "--no-plan-cache");

        assertThat(run.exitCode).as(run.stderr).isEqualTo(3);
        JsonNode report = BedrockLabFixture.report(run);
        assertThat(report.at("/advisor/kind").asText()).isEqualTo("bedrock");
        assertThat(report.at("/advisor/fallback_reason").isNull()).isTrue();
        assertThat(aws.bedrockCalls()).isEqualTo(2);
    }

    @Test
    void converseApi_plansWithBedrock() {
        aws.bedrock.resetAll();
        aws.bedrock.stubFor(post(urlPathMatching("/model/.+/converse"))
                .willReturn(BedrockStub.converseReply(PLAN, "end_turn", 640, 70)));

        LabRun run = BedrockLabFixture.run(host, "--scan-only", "--no-compliance", "--no-plan-cache",
                "--bedrock-api=converse", "--model-id=amazon.nova-pro-v1:0");

        JsonNode report = BedrockLabFixture.report(run);
        assertThat(report.at("/advisor/kind").asText()).as(run.stderr).isEqualTo("bedrock");
        assertThat(report.at("/advisor/input_tokens").asLong()).isEqualTo(640);
        aws.bedrock.verify(1, postRequestedFor(urlEqualTo("/model/amazon.nova-pro-v1%3A0/converse"))
                .withRequestBody(matchingJsonPath("$.inferenceConfig.temperature", equalTo("0.0"))));
    }

    @Test
    void noCredentials_fallsBackBeforeAnyBedrockCall() {
        aws.answerText(PLAN);
        String key = System.getProperty("aws.accessKeyId");
        String secret = System.getProperty("aws.secretAccessKey");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        try {
            LabRun run = BedrockLabFixture.run(host, "--scan-only", "--no-compliance", "--no-plan-cache");

            JsonNode report = BedrockLabFixture.report(run);
            assertThat(report.at("/advisor/kind").asText()).isEqualTo("rules");
            // decided by the bounded credentials check (its own message), not by a failed SDK call; the
            // bound itself is BedrockModelClientTest's (a provider that never returns)
            assertThat(report.at("/advisor/fallback_reason").asText()).startsWith("NO_CREDENTIALS: no AWS credentials");
            assertThat(aws.bedrockCalls()).isZero();
        } finally {
            System.setProperty("aws.accessKeyId", key);
            System.setProperty("aws.secretAccessKey", secret);
        }
    }

    @Test
    void s3Down_reportIsSpooled_exitFive() throws Exception {
        aws.answerText(PLAN);
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        System.setProperty("aws.endpointUrlS3", "http://127.0.0.1:" + deadPort);
        try {
            Path spool = tmp.resolve("spool");
            LabRun run = BedrockLabFixture.run(host, "--scan-only", "--no-compliance", "--report-bucket=dev-rhel8-patch-logs-1",
                    "--spool-dir=" + spool);

            assertThat(run.exitCode).as(run.stderr).isEqualTo(5);
            JsonNode report = BedrockLabFixture.report(run);
            assertThat(report.get("error").asText()).contains("report not stored durably").contains("s3://dev-rhel8-patch-logs-1");
            // the plan cache shares the dead bucket: planning still works, without sharing
            assertThat(report.at("/advisor/kind").asText()).isEqualTo("bedrock");
            assertThat(report.at("/advisor/plan_cache").asText()).isEqualTo("off");
            try (Stream<Path> files = Files.walk(spool)) {
                List<Path> spooled = files.filter(Files::isRegularFile).toList();
                assertThat(spooled).singleElement().satisfies(p -> {
                    assertThat(spool.relativize(p).toString()).matches("bedrock-patch-runs/dev/i-0lab/\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.json");
                    assertThat(Files.readString(p)).contains(report.get("run_id").asText());
                });
            }
        } finally {
            System.setProperty("aws.endpointUrlS3", aws.s3.endpoint().toString());
        }
    }

    @Test
    void ec2Instance_reportsComplianceToSsm() {
        aws.answerText(PLAN);
        aws.bedrock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));

        LabRun run = BedrockLabFixture.runAs(host, "i-0abc1234567890def", "--scan-only", "--no-plan-cache");

        assertThat(run.exitCode).as(run.stderr).isEqualTo(3);
        aws.bedrock.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.PutComplianceItems"))
                .withRequestBody(matchingJsonPath("$.ResourceId", equalTo("i-0abc1234567890def")))
                .withRequestBody(matchingJsonPath("$.ComplianceType", equalTo("Custom:RHEL8SecurityPatching")))
                .withRequestBody(matchingJsonPath("$.Items[?(@.Id == 'RHSA-2026:1001')].Status", equalTo("NON_COMPLIANT")))
                .withRequestBody(matchingJsonPath("$.Items[?(@.Id == 'RHSA-2026:1006')].Status", equalTo("COMPLIANT"))));
    }
}
