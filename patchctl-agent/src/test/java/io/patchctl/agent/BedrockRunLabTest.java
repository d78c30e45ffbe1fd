package io.patchctl.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchctl run --advisor bedrock} through the real SDK (WireMock as Bedrock) and real dnf. */
class BedrockRunLabTest {

    static Lab lab;
    static BedrockLabFixture aws;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        lab = Lab.build(StandardLabs.mixed());
        aws = new BedrockLabFixture();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void run_bedrockPlan_isAppliedThroughRealDnf_andTheRequestIsRight() {
        aws.answerText("Here is the plan:\n```json\n{\"install\":[\"openssl-libs\",\"curl\",\"sudo\",\"zlib\",\"libxml2\"],"
                + "\"hold\":[{\"package\":\"kernel-core\",\"reason\":\"reboot window\"}],\"risk\":\"LOW\","
                + "\"reasoning\":\"all userland security fixes\"}\n```");
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Map<String, List<String>> before = host.installed();

        LabRun run = BedrockLabFixture.run(host, "--model-id=us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "--report-dir=" + tmp.resolve("reports"), "--no-compliance");

        assertThat(run.exitCode).as(run.stderr).isZero();
        JsonNode report = BedrockLabFixture.report(run);
        assertThat(report.at("/advisor/kind").asText()).isEqualTo("bedrock");
        assertThat(report.at("/advisor/model_id").asText()).isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(report.at("/advisor/fallback_reason").isNull()).isTrue();
        assertThat(report.at("/advisor/input_tokens").asLong()).isEqualTo(812);
        assertThat(report.at("/advisor/plan_cache").asText()).isEqualTo("miss");
        assertThat(report.at("/plan/reasoning").asText()).isEqualTo("all userland security fixes");
        Map<String, List<String>> after = host.installed();
        assertThat(after.get("openssl-libs")).containsExactly("1:1.1.1k-12.el8.x86_64");
        assertThat(after.get("curl")).containsExactly("7.61.1-34.el8.x86_64");
        assertThat(after.get("kernel-core")).isEqualTo(before.get("kernel-core"));
        aws.bedrock.verify(1, postRequestedFor(urlPathEqualTo(
                        "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke"))
                .withRequestBody(matchingJsonPath("$.anthropic_version", equalTo("bedrock-2023-05-31")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.0")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("1024")))
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].text",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("\nopenssl-libs 1:1.1.1k-9.el8>1:1.1.1k-12.el8 RHSA-2026:1001 Important CVE-2026-0001,CVE-2026-0002\n"))));
    }

    @Test
    void run_modelRejectsTheSchema_isAskedPromptOnly_andTheReportSaysSo() {
        String real = "The model returned the following errors: output_config.format: Extra inputs are not permitted";
        aws.bedrock.resetAll();
        aws.bedrock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(BedrockLabFixture.INVOKE))
                .willReturn(io.patchctl.aws.BedrockStub.reply("{\"install_all_other_reported\":true,\"hold\":[{\"package\":"
                        + "\"kernel*\",\"reason\":\"reboot window\"}],\"risk\":\"LOW\",\"reasoning\":\"userland\"}", "end_turn", 812, 40)));
        aws.bedrock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(BedrockLabFixture.INVOKE))
                .withRequestBody(matchingJsonPath("$.output_config"))
                .willReturn(io.patchctl.aws.BedrockStub.error(400, "ValidationException", real)));
        LabHost host = lab.newHost(tmp.resolve("p"), HostSpec.allBase());

        LabRun run = BedrockLabFixture.run(host, "--report-dir=" + tmp.resolve("reports"), "--no-compliance");

        assertThat(run.exitCode).as(run.stderr).isZero();
        JsonNode report = BedrockLabFixture.report(run);
        assertThat(report.at("/advisor/kind").asText()).isEqualTo("bedrock");
        assertThat(report.at("/advisor/output_format").asText())
                .startsWith("prompt-only (schema rejected: ").contains("Extra inputs are not permitted");
        assertThat(aws.bedrockCalls()).isEqualTo(2);
        assertThat(host.installed().get("curl")).containsExactly("7.61.1-34.el8.x86_64");
    }

    @Test
    void run_reasoningBlocksBeforeTheText_areCountedNeverParsed_andBudgetedOnTop() {
        // The thinking block holds a plan that would install everything, kernels included: it must not count.
        String thinking = "{\"install\":[\"kernel\",\"kernel-core\",\"bash\"],\"hold\":[]} " + "considering the kernel ".repeat(40);
        String body = "{\"type\":\"message\",\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":" + quote(thinking) + ",\"signature\":\"c2ln\"},"
                + "{\"type\":\"text\",\"text\":" + quote("{\"install_all_other_reported\":false,\"hold\":[],\"risk\":\"HIGH\","
                + "\"reasoning\":\"freeze this week\"}") + "}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":812,\"output_tokens\":400}}";
        aws.answer(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body));
        LabHost host = lab.newHost(tmp.resolve("r"), HostSpec.allBase());

        LabRun run = BedrockLabFixture.run(host, "--scan-only", "--reasoning-budget=2048",
                "--report-dir=" + tmp.resolve("reports"), "--no-compliance");

        JsonNode report = BedrockLabFixture.report(run);
        assertThat(report.at("/advisor/kind").asText()).as(run.stderr).isEqualTo("bedrock");
        assertThat(report.at("/advisor/output_tokens").asLong()).isEqualTo(400);
        assertThat(report.at("/advisor/reasoning_tokens").asLong()).isEqualTo((thinking.length() + 3) / 4);
        assertThat(report.at("/plan/reasoning").asText()).isEqualTo("freeze this week");
        assertThat(report.has("approved")).isTrue();
        assertThat(report.at("/approved").size()).as("install_all_other_reported=false approves nothing").isZero();
        aws.bedrock.verify(1, postRequestedFor(urlPathEqualTo(DEFAULT_INVOKE))
                .withRequestBody(matchingJsonPath("$.thinking.budget_tokens", equalTo("2048")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("3072"))));
    }

    @Test
    void run_modelNotReadyTwice_thenAPlan_recordsWhyEachAttemptWasRetried() {
        var post = com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(BedrockLabFixture.INVOKE));
        aws.bedrock.resetAll();
        aws.bedrock.stubFor(post.inScenario("load").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(io.patchctl.aws.BedrockStub.error(429, "ModelNotReadyException", "Model is not ready")).willSetStateTo("2"));
        aws.bedrock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(BedrockLabFixture.INVOKE))
                .inScenario("load").whenScenarioStateIs("2")
                .willReturn(io.patchctl.aws.BedrockStub.error(429, "ModelNotReadyException", "Model is not ready")).willSetStateTo("ready"));
        aws.bedrock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(BedrockLabFixture.INVOKE))
                .inScenario("load").whenScenarioStateIs("ready")
                .willReturn(io.patchctl.aws.BedrockStub.reply("{\"install_all_other_reported\":true,\"hold\":[],\"risk\":\"LOW\","
                        + "\"reasoning\":\"ok\"}", "end_turn", 812, 30)));
        LabHost host = lab.newHost(tmp.resolve("n"), HostSpec.allBase());

        LabRun run = BedrockLabFixture.run(host, "--scan-only", "--report-dir=" + tmp.resolve("reports"), "--no-compliance");

        JsonNode report = BedrockLabFixture.report(run);
        assertThat(report.at("/advisor/kind").asText()).as(run.stderr).isEqualTo("bedrock");
        assertThat(report.at("/advisor/retries").toString())
                .isEqualTo("[\"attempt 1: HTTP 429 ModelNotReadyException\",\"attempt 2: HTTP 429 ModelNotReadyException\"]");
        assertThat(aws.bedrockCalls()).isEqualTo(3);
    }

    private static final String DEFAULT_INVOKE = "/model/us.anthropic.claude-sonnet-4-6/invoke";

    private static String quote(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
