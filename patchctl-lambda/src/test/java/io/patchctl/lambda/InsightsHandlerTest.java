package io.patchctl.lambda;

import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.core.insights.InsightResult;
import io.patchctl.core.insights.InsightService;
import io.patchctl.testkit.TestEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.internal.json.Json;
import io.patchctl.testkit.InMemoryReportStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InsightsHandlerTest {

    final InMemoryReportStore store = new InMemoryReportStore();
    final InsightsHandler handler = new InsightsHandler(new InsightService(InsightServiceTest.config(Duration.ofHours(6)).settings(), store,
            new RulesAnalyst(), WindowTargetResolver.NONE, Escalator.NONE, Clock.systemUTC()));

    static String batch(int size, String bodyPrefixForMalformed) {
        ObjectNode root = Json.mapper().createObjectNode();
        var records = root.putArray("Records");
        for (int i = 0; i < size; i++) {
            records.addObject().put("messageId", "m" + i).put("eventSource", "aws:sqs")
                    .put("body", bodyPrefixForMalformed != null && i == 0 ? bodyPrefixForMalformed
                            : TestEvents.commandFailed("e" + i, "2026-11-21T02:14:02Z", String.format("i-%017d", i),
                            InsightServiceTest.CMD));
        }
        return root.toString();
    }

    JsonNode invoke(String input, Context context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void sqsBatch_malformedBodyIsKept_notRetried() throws Exception {
        JsonNode answer = invoke(batch(3, "{oops"), null);

        assertThat(answer.get("batchItemFailures")).isEmpty();
        assertThat(store.list("bedrock-patch-insights/dev/_rejected/")).hasSize(1);
        assertThat(store.list("bedrock-patch-insights/dev/i-")).hasSize(2);
    }

    @Test
    void sqsBatch_tooLittleTimeLeft_handlesTheFirstAndHandsTheRestBackUnprocessed() throws Exception {
        JsonNode answer = invoke(batch(3, null), context(InsightsHandler.MIN_MILLIS_PER_MESSAGE - 1));

        assertThat(answer.get("batchItemFailures").findValuesAsText("itemIdentifier")).containsExactly("m1", "m2");
        assertThat(store.list("bedrock-patch-insights/dev/i-")).hasSize(1);
    }

    @Test
    void directEvent_answersStatusAndKeys() throws Exception {
        JsonNode answer = invoke(TestEvents.corpus("failure-seed-noncompliant.json"), context(60_000));

        assertThat(answer.get("status").asText()).isEqualTo("STORED");
        assertThat(answer.get("keys").get(0).asText()).isEqualTo("bedrock-patch-insights/dev/i-0a1b2c3d4e5f60718/20261121T021644Z.json");
    }

    @Test
    void priming_runsTheWholePipelineThroughTheSdkClients_onlyForSnapStartOrProvisioned() {
        InsightResult primed = Primer.prime();

        // Stored through the real S3 client and analysed by the real Bedrock client, both against the stand-in.
        assertThat(primed.status()).isEqualTo(InsightResult.Status.STORED);
        assertThat(primed.reports().get(0)).contains("\"analysis_source\" : \"bedrock\"").contains("dnf clean all && reboot")
                .contains("Cannot download repomd.xml");
        assertThat(Primer.primeInMemory().reports().get(0)).contains("\"analysis_source\" : \"bedrock\"");
        assertThat(Primer.wanted(java.util.Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"))).isTrue();
        assertThat(Primer.wanted(java.util.Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))).isFalse();
        assertThat(Primer.wanted(java.util.Map.of())).isFalse();
    }

    @Test
    void config_environmentThatCannotBeAKeySegment_isRejectedAtInit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InsightsConfig.fromEnvironment(
                        java.util.Map.of("LOG_BUCKET", "b", "ENVIRONMENT", "prod/eu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment must be a key-safe name ([A-Za-z0-9._:-]), was 'prod/eu'");
    }

    static Context context(int remainingMillis) {
        return new Context() {
            @Override public String getAwsRequestId() { return "req-1"; }
            @Override public String getLogGroupName() { return "/aws/lambda/dev-patch-insights"; }
            @Override public String getLogStreamName() { return "stream"; }
            @Override public String getFunctionName() { return "dev-patch-insights"; }
            @Override public String getFunctionVersion() { return "1"; }
            @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-2:123456789012:function:dev-patch-insights"; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return remainingMillis; }
            @Override public int getMemoryLimitInMB() { return 1024; }
            @Override public LambdaLogger getLogger() { return null; }
        };
    }
}
