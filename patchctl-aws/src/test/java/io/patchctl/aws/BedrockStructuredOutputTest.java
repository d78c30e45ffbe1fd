package io.patchctl.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import io.patchctl.core.model.OutputSchema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Structured output, reasoning blocks, guardrails and retry reasons through the real SDK over HTTP
 * against a WireMock Bedrock. Reply shapes: AWS Bedrock API reference (InvokeModel body with
 * "amazon-bedrock-guardrailAction", Converse reasoningContent/stopReason) and Anthropic's Messages
 * "thinking" blocks.
 */
class BedrockStructuredOutputTest {

    private static final String INVOKE = "/model/us.anthropic.claude-sonnet-4-6/invoke";
    private static final String CONVERSE = "/model/us.anthropic.claude-sonnet-4-6/converse";
    private static final OutputSchema SCHEMA = new OutputSchema("patch_plan", "plan",
            "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"risk\"],"
                    + "\"properties\":{\"risk\":{\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\"]}}}");
    private static final ModelRequest REQUEST = new ModelRequest("sys", "user", 1024, 0.0, SCHEMA, 0);
    private static final String ANSWER = "{\"risk\":\"LOW\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer bedrock;
    private final List<BedrockModelClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        bedrock.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(BedrockModelClient::close);
        bedrock.stop();
    }

    @Test
    void invokeModel_sendsTheSchemaAsOutputConfigFormat() throws Exception {
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(ok(BedrockStub.anthropicBody(ANSWER, "end_turn", 50, 8))));

        ModelReply reply = client(BedrockApi.INVOKE_MODEL, 0).invoke(REQUEST);

        JsonNode body = sentBody();
        assertThat(body.at("/output_config/format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/output_config/format/schema")).isEqualTo(JSON.readTree(SCHEMA.json()));
        assertThat(body.has("thinking")).isFalse();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(reply.text()).isEqualTo(ANSWER);
    }

    @Test
    void converse_sendsTheSchemaAsOutputConfigTextFormat() throws Exception {
        bedrock.stubFor(post(urlPathEqualTo(CONVERSE)).willReturn(ok(converseBody(ANSWER, null, "end_turn"))));

        ModelReply reply = client(BedrockApi.CONVERSE, 0).invoke(REQUEST);

        JsonNode body = sentBody();
        assertThat(body.at("/outputConfig/textFormat/type").asText()).isEqualTo("json_schema");
        assertThat(JSON.readTree(body.at("/outputConfig/textFormat/structure/jsonSchema/schema").asText()))
                .isEqualTo(JSON.readTree(SCHEMA.json()));
        assertThat(body.at("/outputConfig/textFormat/structure/jsonSchema/name").asText()).isEqualTo("patch_plan");
        assertThat(reply.text()).isEqualTo(ANSWER);
    }

    @Test
    void promptOnlyRequest_sendsNoSchemaOnEitherApi() throws Exception {
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(ok(BedrockStub.anthropicBody(ANSWER, "end_turn", 50, 8))));
        bedrock.stubFor(post(urlPathEqualTo(CONVERSE)).willReturn(ok(converseBody(ANSWER, null, "end_turn"))));

        client(BedrockApi.INVOKE_MODEL, 0).invoke(REQUEST.withoutSchema());
        assertThat(sentBody().has("output_config")).isFalse();
        bedrock.resetRequests();
        client(BedrockApi.CONVERSE, 0).invoke(REQUEST.withoutSchema());
        assertThat(sentBody().has("outputConfig")).isFalse();
    }

    @Test
    void invokeModel_thinkingBlocksBeforeTheText_areCountedNotParsed_andBudgetedOnTop() throws Exception {
        String body = "{\"type\":\"message\",\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"" + "x".repeat(400) + " {\\\"risk\\\":\\\"HIGH\\\"}\",\"signature\":\"sig\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"" + "y".repeat(100) + "\"},"
                + "{\"type\":\"text\",\"text\":" + JSON.writeValueAsString(ANSWER) + "}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":50,\"output_tokens\":180}}";
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(ok(body)));

        ModelReply reply = client(BedrockApi.INVOKE_MODEL, 2048).invoke(REQUEST);

        JsonNode sent = sentBody();
        assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(sent.at("/thinking/budget_tokens").asInt()).isEqualTo(2048);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(1024 + 2048);
        assertThat(sent.has("temperature")).as("Claude refuses temperature while thinking").isFalse();
        assertThat(reply.text()).isEqualTo(ANSWER);
        assertThat(reply.reasoningBlocks()).isEqualTo(2);
        assertThat(reply.reasoningChars()).isEqualTo(400 + " {\"risk\":\"HIGH\"}".length() + 100);
        assertThat(reply.outputTokens()).isEqualTo(180);
    }

    @Test
    void converse_reasoningContentBeforeTheText_isCountedNotParsed() throws Exception {
        bedrock.stubFor(post(urlPathEqualTo(CONVERSE)).willReturn(ok(converseBody(ANSWER, "I think {\"risk\":\"HIGH\"}", "end_turn"))));

        ModelReply reply = client(BedrockApi.CONVERSE, 1024).invoke(REQUEST);

        JsonNode sent = sentBody();
        assertThat(sent.at("/additionalModelRequestFields/thinking/budget_tokens").asInt()).isEqualTo(1024);
        assertThat(sent.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(2048);
        assertThat(reply.text()).isEqualTo(ANSWER);
        assertThat(reply.reasoningBlocks()).isEqualTo(1);
        assertThat(reply.reasoningChars()).isEqualTo("I think {\"risk\":\"HIGH\"}".length());
    }

    @Test
    void maxTokensStop_withCompleteLookingJson_isReportedAsTruncated_onBothApis() throws Exception {
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(ok(BedrockStub.anthropicBody(ANSWER, "max_tokens", 50, 1024))));
        bedrock.stubFor(post(urlPathEqualTo(CONVERSE)).willReturn(ok(converseBody(ANSWER, null, "max_tokens"))));

        assertThat(client(BedrockApi.INVOKE_MODEL, 0).invoke(REQUEST).truncated()).isTrue();
        assertThat(client(BedrockApi.CONVERSE, 0).invoke(REQUEST).truncated()).isTrue();
    }

    /**
     * The rejection as Bedrock sent it for a Claude model that refused the schema (pasted in
     * github.com/vectorize-io/hindsight/issues/3300: "The model returned the following errors:
     * output_config.format: Extra inputs are not permitted"), on both APIs.
     */
    @Test
    void schemaRejected_isItsOwnReason_soTheAdvisorCanAskPromptOnly() {
        String real = "The model returned the following errors: output_config.format: Extra inputs are not permitted";
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(BedrockStub.error(400, "ValidationException", real)));
        bedrock.stubFor(post(urlPathEqualTo(CONVERSE)).willReturn(BedrockStub.error(400, "ValidationException", real)));

        for (BedrockApi api : BedrockApi.values()) {
            assertThatThrownBy(() -> client(api, 0).invoke(REQUEST))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("ValidationException (HTTP 400): " + real)
                    .extracting(e -> ((ModelException) e).reason()).as(api.name()).isEqualTo(ModelException.Reason.SCHEMA_REJECTED);
        }
        assertThat(bedrock.getAllServeEvents()).as("not retried").hasSize(2);
    }

    @Test
    void otherValidationErrors_stayBadRequest() {
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(BedrockStub.error(400, "ValidationException",
                "messages: text content blocks must be non-empty")));

        assertThatThrownBy(() -> client(BedrockApi.INVOKE_MODEL, 0).invoke(REQUEST))
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.BAD_REQUEST);
    }

    @Test
    void modelNotReadyTwice_thenSuccess_recordsBothRetryReasons() {
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).inScenario("load").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(BedrockStub.error(429, "ModelNotReadyException", "Model is not ready")).willSetStateTo("second"));
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).inScenario("load").whenScenarioStateIs("second")
                .willReturn(BedrockStub.error(429, "ModelNotReadyException", "Model is not ready")).willSetStateTo("ready"));
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).inScenario("load").whenScenarioStateIs("ready")
                .willReturn(ok(BedrockStub.anthropicBody(ANSWER, "end_turn", 50, 8))));

        ModelReply reply = client(BedrockApi.INVOKE_MODEL, 0).invoke(REQUEST);

        assertThat(reply.attempts()).isEqualTo(3);
        assertThat(reply.retries()).containsExactly("attempt 1: HTTP 429 ModelNotReadyException",
                "attempt 2: HTTP 429 ModelNotReadyException");
    }

    @Test
    void modelNeverReady_withinBudget_isModelNotReady_notEndOfLife() {
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(BedrockStub.error(429, "ModelNotReadyException", "Model is not ready")));

        assertThatThrownBy(() -> client(BedrockApi.INVOKE_MODEL, 0).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> {
                    ModelException me = (ModelException) e;
                    assertThat(me.reason()).isEqualTo(ModelException.Reason.MODEL_NOT_READY);
                    assertThat(me.retries()).containsExactly("attempt 1: HTTP 429 ModelNotReadyException",
                            "attempt 2: HTTP 429 ModelNotReadyException");
                    assertThat(me.getMessage()).contains("after 2 retried attempt(s)").doesNotContain("[operator:");
                });
    }

    @Test
    void accessDenied_failsAtOnce_withAnExactOperatorHint() {
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(BedrockStub.error(403, "AccessDeniedException",
                "You don't have access to the model with the specified model ID.")));

        assertThatThrownBy(() -> client(BedrockApi.INVOKE_MODEL, 0).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("[operator: allow bedrock:InvokeModel for us.anthropic.claude-sonnet-4-6 in us-east-2")
                .hasMessageContaining("enable access to the model in the Bedrock console of us-east-2");
        assertThat(bedrock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void endOfLifeModel_failsAtOnce_namingModelRegionAndTheSettingToChange() {
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(BedrockStub.error(404, "ResourceNotFoundException",
                "This model version has reached the end of its life. Please refer to the AWS documentation for more details.")));

        assertThatThrownBy(() -> client(BedrockApi.INVOKE_MODEL, 0).invoke(REQUEST))
                .extracting(e -> ((ModelException) e).getMessage()).asString()
                .contains("[operator: us.anthropic.claude-sonnet-4-6 cannot be invoked in us-east-2")
                .contains("--model-id, BEDROCK_MODEL or the Terraform variable bedrock_model_id");
        assertThat(bedrock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void guardrail_isSentOnBothApis_andAnInterventionIsRecognised() throws Exception {
        String intervened = "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"Sorry, the model cannot answer this question.\"}],\"stop_reason\":\"end_turn\","
                + "\"amazon-bedrock-guardrailAction\":\"INTERVENED\",\"usage\":{\"input_tokens\":50,\"output_tokens\":0}}";
        bedrock.stubFor(post(urlPathEqualTo(INVOKE)).willReturn(ok(intervened)));
        bedrock.stubFor(post(urlPathEqualTo(CONVERSE)).willReturn(ok(converseBody("Sorry, the model cannot answer this question.",
                null, "guardrail_intervened"))));

        ModelReply invoke = guarded(BedrockApi.INVOKE_MODEL).invoke(REQUEST);
        assertThat(bedrock.getAllServeEvents().get(0).getRequest().getHeader("X-Amzn-Bedrock-GuardrailIdentifier")).isEqualTo("gr-abc123");
        assertThat(bedrock.getAllServeEvents().get(0).getRequest().getHeader("X-Amzn-Bedrock-GuardrailVersion")).isEqualTo("2");
        bedrock.resetRequests();
        ModelReply converse = guarded(BedrockApi.CONVERSE).invoke(REQUEST);

        assertThat(sentBody().at("/guardrailConfig/guardrailIdentifier").asText()).isEqualTo("gr-abc123");
        assertThat(invoke.guardrailIntervened()).isTrue();
        assertThat(converse.guardrailIntervened()).isTrue();
    }

    @Test
    void guardrail_idWithoutVersion_isAConfigurationError() {
        assertThatThrownBy(() -> BedrockModelClient.builder().settings(settings()).guardrail("gr-abc123", "").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a guardrail needs both an id and a version");
    }

    @Test
    void reasoningBudget_belowClaudesMinimum_isAConfigurationError() {
        assertThatThrownBy(() -> BedrockModelClient.builder().settings(settings()).reasoningBudget(500).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reasoning budget must be 0 (off) or 1024..64000 tokens, was 500");
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(bedrock.getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    private static String converseBody(String text, String reasoning, String stopReason) throws Exception {
        String content = (reasoning == null ? "" : "{\"reasoningContent\":{\"reasoningText\":{\"text\":"
                + JSON.writeValueAsString(reasoning) + ",\"signature\":\"sig\"}}},")
                + "{\"text\":" + JSON.writeValueAsString(text) + "}";
        return "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[" + content + "]}},\"stopReason\":\""
                + stopReason + "\",\"usage\":{\"inputTokens\":50,\"outputTokens\":8,\"totalTokens\":58},\"metrics\":{\"latencyMs\":5}}";
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private AwsClientSettings settings() {
        return AwsClientSettings.builder(AwsClientSettings.Profile.BEDROCK_AGENT).region("us-east-2").endpointOverride(URI.create(bedrock.baseUrl()))
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-test")))
                .apiCallTimeout(Duration.ofSeconds(10)).apiCallAttemptTimeout(Duration.ofSeconds(5))
                .maxAttempts(3).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
    }

    private BedrockModelClient client(BedrockApi api, int reasoningBudget) {
        BedrockModelClient c = BedrockModelClient.builder().settings(settings()).api(api).reasoningBudget(reasoningBudget).build();
        clients.add(c);
        return c;
    }

    private BedrockModelClient guarded(BedrockApi api) {
        BedrockModelClient c = BedrockModelClient.builder().settings(settings()).api(api).guardrail("gr-abc123", "2").build();
        clients.add(c);
        return c;
    }
}
