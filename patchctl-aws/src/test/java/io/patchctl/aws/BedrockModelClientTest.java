package io.patchctl.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import io.patchctl.testkit.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class BedrockModelClientTest {

    private static final String RETIRED = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final String RETIRED_PATH = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/invoke";
    private static final String DEFAULT_PATH = "/model/us.anthropic.claude-sonnet-4-6/invoke";
    private static final ModelRequest REQUEST = new ModelRequest("You plan patches.", "Plan these updates.", 700, 0.0);
    private static final AwsCredentialsProvider FAKE =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret-test"));

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
    void invoke_sendsAnthropicMessagesBody_toUrlEncodedModelPath() throws IOException {
        bedrock.stubFor(post(urlPathEqualTo(RETIRED_PATH)).willReturn(BedrockStub.reply("{\"install\":[]}", "end_turn", 321, 45)));

        ModelReply reply = client(RETIRED, fastSettings()).invoke(REQUEST);

        assertThat(reply.text()).isEqualTo("{\"install\":[]}");
        assertThat(reply.stopReason()).isEqualTo("end_turn");
        assertThat(reply.inputTokens()).isEqualTo(321);
        assertThat(reply.outputTokens()).isEqualTo(45);
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(reply.modelId()).isEqualTo(RETIRED);
        bedrock.verify(1, postRequestedFor(urlPathEqualTo(RETIRED_PATH))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("AKIDTEST"))
                .withHeader("Content-Type", equalTo("application/json")));
        JsonNode sent = new ObjectMapper().readTree(bedrock.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(sent.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(700);
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.0);
        assertThat(sent.path("system").asText()).isEqualTo("You plan patches.");
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(sent.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo("Plan these updates.");
    }

    @Test
    void invoke_throttledOnceThenOk_retriesAndCountsTwoAttempts() {
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(BedrockStub.error(429, "ThrottlingException", "Too many requests")).willSetStateTo("ok"));
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(BedrockStub.reply("hi", "end_turn", 1, 1)));

        ModelReply reply = client(null, fastSettings()).invoke(REQUEST);

        assertThat(reply.text()).isEqualTo("hi");
        assertThat(reply.attempts()).isEqualTo(2);
        bedrock.verify(2, postRequestedFor(urlPathEqualTo(DEFAULT_PATH)));
    }

    @Test
    void invoke_throttledForever_givesUpAfterMaxAttemptsAsThrottled() {
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).willReturn(BedrockStub.error(429, "ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> client(null, fastSettings()).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("ThrottlingException (HTTP 429): Rate exceeded")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.THROTTLED);
        bedrock.verify(3, postRequestedFor(urlPathEqualTo(DEFAULT_PATH)));
    }

    @Test
    void invoke_transientModelErrors_areRetried() {
        String[][] transients = {
                {"503", "ServiceUnavailableException"}, {"500", "InternalServerException"},
                {"429", "ModelNotReadyException"}, {"408", "ModelTimeoutException"}};
        for (String[] t : transients) {
            bedrock.resetAll();
            bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).inScenario(t[1]).whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(BedrockStub.error(Integer.parseInt(t[0]), t[1], "transient")).willSetStateTo("ok"));
            bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).inScenario(t[1]).whenScenarioStateIs("ok")
                    .willReturn(BedrockStub.reply("fine", "end_turn", 1, 1)));

            ModelReply reply = client(null, fastSettings()).invoke(REQUEST);

            assertThat(reply.attempts()).as(t[1]).isEqualTo(2);
        }
    }

    @Test
    void invoke_accessDenied_isNotRetriedAndMapped() {
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH))
                .willReturn(BedrockStub.error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.")));

        assertThatThrownBy(() -> client(null, fastSettings()).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("AccessDeniedException (HTTP 403)")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.ACCESS_DENIED);
        bedrock.verify(1, postRequestedFor(urlPathEqualTo(DEFAULT_PATH)));
    }

    @Test
    void invoke_retiredModel_mapsEndOfLifeValidationToModelUnavailable() {
        bedrock.stubFor(post(urlPathEqualTo(RETIRED_PATH)).willReturn(BedrockStub.error(400, "ValidationException",
                "This model version has reached the end of its life. Please refer to the AWS documentation for more details.")));

        assertThatThrownBy(() -> client(RETIRED, fastSettings()).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("reached the end of its life")
                .hasMessageContaining("reached end of life on Bedrock on 2026-03-01")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.MODEL_UNAVAILABLE);
        bedrock.verify(1, postRequestedFor(urlPathEqualTo(RETIRED_PATH)));
    }

    @Test
    void invoke_otherValidationError_isBadRequest() {
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).willReturn(BedrockStub.error(400, "ValidationException",
                "max_tokens: Input should be less than or equal to 64000")));

        assertThatThrownBy(() -> client(null, fastSettings()).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("max_tokens: Input should be")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.BAD_REQUEST);
    }

    @Test
    void invoke_replySlowerThanTimeout_timesOutWithoutHanging() {
        // The stub answers only after 5 s: a call that returns sooner can only have been cut by a timeout
        // (without one it would succeed with "late"), and the SDK's exception says which one fired.
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH))
                .willReturn(BedrockStub.reply("late", "end_turn", 1, 1).withFixedDelay(5_000)));
        AwsClientSettings settings = fastSettings().toBuilder()
                .apiCallTimeout(Duration.ofMillis(1200)).apiCallAttemptTimeout(Duration.ofMillis(500)).build();

        assertThatThrownBy(() -> client(null, settings).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("failed after")
                .hasMessageMatching("(?s).*: ApiCall(Attempt)?TimeoutException: .*")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.TIMEOUT);
    }

    @Test
    void invoke_droppedConnection_isRetriedThenConnectionError() {
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client(null, fastSettings()).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("SdkClientException")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.CONNECTION);
        assertThat(bedrock.countRequestsMatching(postRequestedFor(urlPathEqualTo(DEFAULT_PATH)).build())
                .getCount()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void invoke_bodyThatIsNotAnthropic_isRejected() {
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).willReturn(BedrockStub.json("{\"completion\":\"old API\"}")));

        assertThatThrownBy(() -> client(null, fastSettings()).invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("is not an Anthropic Messages body")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.OTHER);
    }

    @Test
    void invoke_budgetSpent_failsWithoutCalling() {
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).willReturn(BedrockStub.reply("x", "end_turn", 1, 1)));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T02:00:00Z"));
        BedrockModelClient client = track(BedrockModelClient.builder().settings(fastSettings())
                .budget(Duration.ofMillis(400)).clock(clock).build());
        client.invoke(REQUEST);
        clock.advance(Duration.ofMillis(450));

        assertThatThrownBy(() -> client.invoke(REQUEST))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("overall Bedrock time budget of 400 ms is spent")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.TIMEOUT);
        bedrock.verify(1, postRequestedFor(urlPathEqualTo(DEFAULT_PATH)));
    }

    @Test
    void invoke_budgetNotYetSpent_calls() {
        bedrock.stubFor(post(urlPathEqualTo(DEFAULT_PATH)).willReturn(BedrockStub.reply("x", "end_turn", 1, 1)));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T02:00:00Z"));
        BedrockModelClient client = track(BedrockModelClient.builder().settings(fastSettings())
                .budget(Duration.ofMillis(400)).clock(clock).build());
        client.invoke(REQUEST);
        clock.advance(Duration.ofMillis(250));

        assertThat(client.invoke(REQUEST).text()).isEqualTo("x");
        bedrock.verify(2, postRequestedFor(urlPathEqualTo(DEFAULT_PATH)));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // 20x the bound: fails instead of hanging if the bound is gone
    void invoke_credentialsProviderHangs_givesUpAtTheDefaultBoundWithoutCalling() {
        CountDownLatch never = new CountDownLatch(1);
        AwsCredentialsProvider hanging = () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("released at the end of the test");
        };
        AwsClientSettings settings = fastSettings().toBuilder().credentials(hanging).build();

        try {
            // only the bound can end a provider that never returns: the message names it, the cause is its timeout
            assertThatThrownBy(() -> client(null, settings).invoke(REQUEST))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("no AWS credentials resolved within 1500 ms")
                    .hasCauseInstanceOf(TimeoutException.class)
                    .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.NO_CREDENTIALS);
            assertThat(bedrock.getAllServeEvents()).isEmpty();
        } finally {
            never.countDown();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // fails instead of hanging; the bound itself is the test above
    void invoke_imdsThatNeverAnswers_isNoCredentialsWithoutCalling() throws IOException {
        // A socket that accepts and never replies: what a filtered IMDS looks like off EC2.
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            AwsCredentialsProvider imds = InstanceProfileCredentialsProvider.builder()
                    .endpoint("http://127.0.0.1:" + blackHole.getLocalPort()).build();
            AwsClientSettings settings = fastSettings().toBuilder().credentials(imds).build();

            // the bound or IMDS's own timeouts end it, whichever comes first; either way before any Bedrock call
            assertThatThrownBy(() -> client(null, settings).invoke(REQUEST))
                    .isInstanceOf(ModelException.class)
                    .hasMessageStartingWith("no AWS credentials")
                    .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.NO_CREDENTIALS);
            assertThat(bedrock.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void converse_sendsConverseBody_andReadsTextStopReasonAndUsage() throws IOException {
        bedrock.stubFor(post(urlPathMatching("/model/[^/]+/converse"))
                .willReturn(BedrockStub.converseReply("{\"install\":[\"curl\"]}", "max_tokens", 120, 30)));
        BedrockModelClient client = track(BedrockModelClient.builder().settings(fastSettings())
                .modelId("amazon.nova-pro-v1:0").api(BedrockApi.CONVERSE).build());

        ModelReply reply = client.invoke(REQUEST);

        assertThat(reply.text()).isEqualTo("{\"install\":[\"curl\"]}");
        assertThat(reply.truncated()).isTrue();
        assertThat(reply.inputTokens()).isEqualTo(120);
        bedrock.verify(postRequestedFor(urlPathEqualTo("/model/amazon.nova-pro-v1%3A0/converse"))
                .withRequestBody(matchingJsonPath("$.inferenceConfig.maxTokens", equalTo("700")))
                .withRequestBody(matchingJsonPath("$.system[0].text", equalTo("You plan patches.")))
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("Plan these updates."))));
    }

    @Test
    void builder_modelIdWithSpaces_isRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> BedrockModelClient.builder().settings(fastSettings()).modelId("claude; rm -rf /").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model id 'claude; rm -rf /' has characters Bedrock does not accept");
    }

    @Test
    void bedrockApi_parse_unknownValue_namesTheExpectedForms() {
        assertThat(BedrockApi.parse("converse")).isEqualTo(BedrockApi.CONVERSE);
        assertThatThrownBy(() -> BedrockApi.parse("stream"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Bedrock API 'stream' (expected invoke-model or converse)");
    }

    private AwsClientSettings fastSettings() {
        return AwsClientSettings.builder(AwsClientSettings.Profile.BEDROCK_AGENT)
                .region("us-east-2")
                .endpointOverride(URI.create(bedrock.baseUrl()))
                .credentials(FAKE)
                .apiCallTimeout(Duration.ofSeconds(10))
                .apiCallAttemptTimeout(Duration.ofSeconds(5))
                .maxAttempts(3)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .build();
    }

    private BedrockModelClient client(String modelId, AwsClientSettings settings) {
        BedrockModelClient.Builder b = BedrockModelClient.builder().settings(settings);
        if (modelId != null) {
            b.modelId(modelId);
        }
        return track(b.build());
    }

    private BedrockModelClient track(BedrockModelClient c) {
        clients.add(c);
        return c;
    }

    static String anthropic(String text, String stopReason, int in, int out) {
        return BedrockStub.anthropicBody(text, stopReason, in, out);
    }
}
