package io.patchctl.lambda;

import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.aws.insights.InsightsRuntime;
import io.patchctl.core.insights.InsightService;
import io.patchctl.testkit.FaultyStore;
import io.patchctl.testkit.ScriptedModel;
import io.patchctl.testkit.TestEvents;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.BedrockModelClient;
import io.patchctl.aws.BedrockStub;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.FailureAnalysis;
import io.patchctl.core.insights.ModelAnalyst;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.model.ModelClient;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The Lambda handler end to end over real HTTP with the real AWS SDK: S3Proxy as S3, WireMock as
 * Bedrock, SNS and SSM, all on 127.0.0.1.
 */
class InsightsIntegrationTest {

    static final String BEDROCK_PATH = "/model/us.anthropic.claude-sonnet-4-6/invoke";
    static final String I1 = InsightServiceTest.I1;
    static final String CMD = InsightServiceTest.CMD;
    static final String TOPIC = "arn:aws:sns:us-east-2:123456789012:dev-patch-escalations";

    static S3ProxyServer s3;
    static int bucketNumber;
    WireMockServer aws;
    String bucket;
    Map<String, String> env;
    ReportStore store;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void setUp() {
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        bucket = "dev-rhel8-patch-logs-" + (++bucketNumber);
        s3.createBucket(bucket);
        env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", aws.baseUrl());
        env.put("AWS_ENDPOINT_URL_SSM", aws.baseUrl());
        env.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", aws.baseUrl());
        store = S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2", env), bucket);
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
                        + "<ResponseMetadata><RequestId>d74b8436</RequestId></ResponseMetadata></PublishResponse>")));
    }

    @AfterEach
    void tearDown() {
        aws.stop();
    }

    /**
     * Bedrock over HTTP with timeouts no loaded machine gets near: a test that is not about timeouts must
     * not turn into one (a 1 s attempt timeout made the first call of a test time out under load).
     */
    ModelClient bedrock() {
        return bedrock(Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    ModelClient bedrock(Duration callTimeout, Duration attemptTimeout) {
        return BedrockModelClient.builder().settings(AwsClientSettings.builder(AwsClientSettings.Profile.BEDROCK_LAMBDA)
                        .region("us-east-2")
                        .endpointOverride(URI.create(aws.baseUrl()))
                        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY,
                                S3ProxyServer.SECRET_KEY)))
                        .apiCallTimeout(callTimeout)
                        .apiCallAttemptTimeout(attemptTimeout)
                        .maxAttempts(3)
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                        .build())
                .budget(Duration.ofHours(1))
                .build();
    }

    InsightsHandler handler(String topic) {
        return handler(topic, bedrock());
    }

    InsightsHandler handler(String topic, ModelClient model) {
        InsightsConfig config = new InsightsConfig("dev", "us-east-2", bucket, null, null, "bedrock", topic, Duration.ofHours(6), 8192);
        return new InsightsHandler(InsightsRuntime.create(config, env, Clock.systemUTC(), model));
    }

    static JsonNode invoke(InsightsHandler handler, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    JsonNode report(JsonNode answer) throws Exception {
        return Json.mapper().readTree(store.get(answer.get("keys").get(0).asText()).orElseThrow());
    }

    void stubBedrock(ResponseDefinitionBuilder response) {
        aws.stubFor(post(urlPathEqualTo(BEDROCK_PATH)).willReturn(response));
    }

    void stubBedrockSequence(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        aws.stubFor(post(urlPathEqualTo(BEDROCK_PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("next"));
        aws.stubFor(post(urlPathEqualTo(BEDROCK_PATH)).inScenario("s").whenScenarioStateIs("next").willReturn(then));
    }

    static ResponseDefinitionBuilder answer(String text) {
        return BedrockStub.reply(text, "end_turn", 1200, 350);
    }

    static ResponseDefinitionBuilder throttled() {
        return BedrockStub.error(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    int bedrockCalls() {
        return aws.findAll(postRequestedFor(urlPathEqualTo(BEDROCK_PATH))).size();
    }

    void putFailureOutput(String instance, String stderr) {
        store.put(TestEvents.commandOutputKey(CMD, instance, "stderr"), stderr.getBytes(StandardCharsets.UTF_8));
    }

    String failureEvent(String id) {
        return TestEvents.commandFailed(id, "2026-11-21T02:14:02Z", I1, CMD);
    }

    static void assertSeedAnalysis(JsonNode report) {
        assertThat(report.get("analysis").fieldNames()).toIterable().containsExactlyElementsOf(FailureAnalysis.KEYS);
        FailureAnalysis a = FailureAnalysis.fromJson(report.get("analysis"));
        assertThat(a.rootCause()).isNotBlank();
        assertThat(report.get("analysis").get("escalate").isBoolean()).isTrue();
        assertThat(report.get("timestamp").isTextual()).isTrue();
        assertThat(report.get("instance_id").asText()).isEqualTo(I1);
        assertThat(report.get("event").isObject()).isTrue();
    }

    /** The Lambda's own client (InsightsRuntime.bedrock): schema sent; guardrail from the environment; intervention -> rules. */
    @Test
    void lambdaClient_sendsTheAnalysisSchemaAndTheGuardrail_andAnInterventionFallsBackToRules() throws Exception {
        env.put("BEDROCK_GUARDRAIL_ID", "gr1abc");
        env.put("BEDROCK_GUARDRAIL_VERSION", "3");
        stubBedrock(BedrockStub.json(
                "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
                        + "\"Sorry, the model cannot answer this question.\"}],\"stop_reason\":\"end_turn\","
                        + "\"amazon-bedrock-guardrailAction\":\"INTERVENED\",\"usage\":{\"input_tokens\":9,\"output_tokens\":0}}"));
        putFailureOutput(I1, InsightServiceTest.DNF_REPO_DOWN);
        InsightsConfig config = new InsightsConfig("dev", "us-east-2", bucket, null, null, "bedrock", null, Duration.ofHours(6), 8192);

        JsonNode report = report(invoke(new InsightsHandler(InsightsRuntime.create(config, env, Clock.systemUTC(),
                InsightsRuntime.bedrock(config, env))), failureEvent("ev-gr")));

        assertThat(report.get("analysis_source").asText()).isEqualTo("rules");
        assertThat(report.get("context").get("fallback_reason").asText()).isEqualTo("a Bedrock guardrail replaced the model's answer");
        var sent = aws.findAll(postRequestedFor(urlPathEqualTo(BEDROCK_PATH)));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("X-Amzn-Bedrock-GuardrailIdentifier")).isEqualTo("gr1abc");
        assertThat(sent.get(0).getHeader("X-Amzn-Bedrock-GuardrailVersion")).isEqualTo("3");
        JsonNode body = Json.mapper().readTree(sent.get(0).getBodyAsString());
        assertThat(body.at("/output_config/format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/output_config/format/schema/required").size()).isEqualTo(8);
    }

    @Test
    void throttledThenSuccess_bedrockAnalysisAfterRetry() throws Exception {
        stubBedrockSequence(throttled(), answer(ScriptedModel.validReply(I1)));
        putFailureOutput(I1, InsightServiceTest.DNF_REPO_DOWN);

        JsonNode report = report(invoke(handler(null), failureEvent("ev-t1")));

        assertThat(report.get("analysis_source").asText()).isEqualTo("bedrock");
        assertThat(bedrockCalls()).isEqualTo(2);
        assertSeedAnalysis(report);
    }

    @Test
    void throttledForever_rulesAnalysisWithReason() throws Exception {
        stubBedrock(throttled());
        putFailureOutput(I1, InsightServiceTest.DNF_REPO_DOWN);

        JsonNode report = report(invoke(handler(null), failureEvent("ev-t2")));

        assertThat(report.get("analysis_source").asText()).isEqualTo("rules");
        assertThat(report.get("context").get("fallback_reason").asText()).startsWith("model THROTTLED");
        assertThat(bedrockCalls()).isEqualTo(3);
        assertSeedAnalysis(report);
        assertThat(report.get("analysis").get("root_cause").asText()).contains("Failed to download metadata");
    }

    @Test
    void invalidJsonThenValid_repairedWithOneMoreCall() throws Exception {
        stubBedrockSequence(answer("{\"root_cause\": \"repo down\", \"severity\": "), answer(ScriptedModel.validReply(I1)));

        JsonNode report = report(invoke(handler(null), failureEvent("ev-r")));

        assertThat(report.get("analysis_source").asText()).isEqualTo("bedrock");
        assertThat(report.get("context").get("model_calls").asInt()).isEqualTo(2);
        assertThat(report.get("context").get("input_tokens").asLong()).isEqualTo(2400);
        String repairPrompt = aws.findAll(postRequestedFor(urlPathEqualTo(BEDROCK_PATH))).get(1).getBodyAsString();
        assertThat(repairPrompt).contains("Your previous reply could not be used");
    }

    @Test
    void garbageTwice_rulesAnalysis() throws Exception {
        stubBedrock(answer("The host is broken. Reboot it."));

        JsonNode report = report(invoke(handler(null), failureEvent("ev-g")));

        assertThat(report.get("analysis_source").asText()).isEqualTo("rules");
        assertThat(report.get("context").get("fallback_reason").asText()).isEqualTo(
                "invalid model reply twice: the reply contains no JSON object");
        assertThat(bedrockCalls()).isEqualTo(2);
        assertSeedAnalysis(report);
    }

    @Test
    void bedrockTimeout_rulesAnalysis() throws Exception {
        // the reply would come after 10 s; with 1 s attempts and a 3 s call only the timeout can end the call
        // (without it the valid reply arrives and the analysis is Bedrock's)
        stubBedrock(answer(ScriptedModel.validReply(I1)).withFixedDelay(10_000));

        JsonNode report = report(invoke(handler(null, bedrock(Duration.ofSeconds(3), Duration.ofSeconds(1))),
                failureEvent("ev-to")));

        assertThat(report.get("analysis_source").asText()).isEqualTo("rules");
        assertThat(report.get("context").get("fallback_reason").asText()).startsWith("model TIMEOUT");
        assertSeedAnalysis(report);
    }

    @Test
    void runReportErrorReachesTheModel_secretDoesNot() throws Exception {
        stubBedrock(answer(ScriptedModel.validReply(I1)));
        store.put("bedrock-patch-runs/dev/" + I1 + "/20261121T021005Z-6b1f8c3e.json", TestEvents.runReport(I1,
                "Error: Transaction test error:\n  installing package openssl-libs-1:1.1.1k-12.el8_9.x86_64 needs 41MB more "
                        + "space on the / filesystem").getBytes(StandardCharsets.UTF_8));
        putFailureOutput(I1, "Curl error (7): https://patchbot:pa55w0rd-XYZ@mirror.corp.example/rhel8/repomd.xml\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");

        JsonNode report = report(invoke(handler(null), failureEvent("ev-c")));

        String sent = aws.findAll(postRequestedFor(urlPathEqualTo(BEDROCK_PATH))).get(0).getBodyAsString();
        assertThat(sent).contains("needs 41MB more space on the / filesystem").doesNotContain("pa55w0rd-XYZ", "wJalrXUtnFEMI");
        assertThat(report.toString()).doesNotContain("pa55w0rd-XYZ", "wJalrXUtnFEMI");
        assertThat(report.get("context").get("error_class").asText()).isEqualTo("DISK_SPACE");
    }

    @Test
    void sameEventTwice_oneObject_twoEventsSameSecond_twoObjects() throws Exception {
        stubBedrock(answer(ScriptedModel.validReply(I1)));
        InsightsHandler handler = handler(null);

        invoke(handler, failureEvent("ev-1"));
        JsonNode again = invoke(handler, failureEvent("ev-1"));
        invoke(handler, failureEvent("ev-2"));

        assertThat(again.get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(store.list("bedrock-patch-insights/dev/" + I1 + "/")).hasSize(2)
                .allMatch(k -> k.startsWith("bedrock-patch-insights/dev/" + I1 + "/20261121T021402Z"));
    }

    @Test
    void s3Down_handlerThrows_andNeitherModelNorStoreIsUsed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + closed);
        stubBedrock(answer(ScriptedModel.validReply(I1)));
        InsightsHandler handler = handler(null);

        assertThatThrownBy(() -> invoke(handler, failureEvent("ev-down")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("s3://" + bucket + "/bedrock-patch-insights/dev/" + I1 + "/20261121T021402Z");
        assertThat(bedrockCalls()).isZero();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void sqsBatchOfTen_twoFailToStore_exactlyThoseTwoAreReportedBack() throws Exception {
        stubBedrock(answer(ScriptedModel.validReply(I1)));
        Set<String> broken = Set.of("i-00000000000000003", "i-00000000000000007");
        ReportStore faulty = new FaultyStore(store).refuseWritesTo(broken);
        InsightsConfig config = new InsightsConfig("dev", "us-east-2", bucket, null, null, "bedrock", null, Duration.ofHours(6), 8192);
        InsightsHandler handler = new InsightsHandler(new InsightService(config.settings(), faulty, new ModelAnalyst(bedrock(), new RulesAnalyst()),
                WindowTargetResolver.NONE, Escalator.NONE, Clock.systemUTC()));
        ObjectNode batch = Json.mapper().createObjectNode();
        var records = batch.putArray("Records");
        for (int i = 0; i < 10; i++) {
            String instance = String.format("i-%017d", i);
            records.addObject().put("messageId", "msg-" + i).put("eventSource", "aws:sqs")
                    .put("eventSourceARN", "arn:aws:sqs:us-east-2:123456789012:dev-patch-failure-events")
                    .put("body", TestEvents.commandFailed("ev-" + i, "2026-11-21T02:14:02Z", instance, CMD));
        }

        JsonNode answer = invoke(handler, batch.toString());

        assertThat(answer.get("batchItemFailures").findValuesAsText("itemIdentifier")).containsExactly("msg-3", "msg-7");
        assertThat(store.list("bedrock-patch-insights/dev/i-")).hasSize(8);
    }

    @Test
    void fiftyEventsWithTheSameDnfError_oneBedrockCall_fiftyReports() throws Exception {
        stubBedrock(answer(ScriptedModel.validReply(String.format("i-%017d", 0))));
        InsightsHandler handler = handler(null);
        for (int i = 0; i < 50; i++) {
            String instance = String.format("i-%017d", i);
            putFailureOutput(instance, InsightServiceTest.DNF_REPO_DOWN + "\n");
            invoke(handler, TestEvents.commandFailed("ev-" + i, "2026-11-21T02:14:02Z", instance, CMD));
        }

        assertThat(bedrockCalls()).isEqualTo(1);
        List<String> reports = store.list("bedrock-patch-insights/dev/i-");
        assertThat(reports).hasSize(50);
        assertThat(store.list("bedrock-patch-insights/dev/_signatures/")).hasSize(1);
    }

    @Test
    void escalation_publishesSummaryWithReportKeyToSns() throws Exception {
        stubBedrock(answer(ScriptedModel.validReply(I1)));

        JsonNode answer = invoke(handler(TOPIC), failureEvent("ev-e"));

        String key = answer.get("keys").get(0).asText();
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .withRequestBody(containing("TopicArn=arn%3Aaws%3Asns%3Aus-east-2%3A123456789012%3Adev-patch-escalations"))
                .withRequestBody(containing(java.net.URLEncoder.encode("s3://" + bucket + "/" + key, StandardCharsets.UTF_8))));
    }

    @Test
    void windowEvent_isReportedUnderTheWindowExecution_withoutAnySsmCall() throws Exception {
        stubBedrock(answer(ScriptedModel.validReply(I1)));

        JsonNode answer = invoke(handler(null), TestEvents.corpus("failure-mw-target-failed.json"));

        assertThat(answer.get("keys").get(0).asText())
                .isEqualTo("bedrock-patch-insights/dev/6417e808-7f35-4d1a-843f-123456789012/20261121T021537Z.json");
        // The Lambda's role grants no SSM action (IamSimulationTest): the runtime must make no SSM call.
        aws.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.matching("AmazonSSM\\..*")));
    }
}
