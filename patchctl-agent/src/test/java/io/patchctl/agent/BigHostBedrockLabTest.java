package io.patchctl.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that has not been patched for a while (400 pending security updates, two of them kernels)
 * is planned by the model, end to end: real dnf discovery, the real SDK against a stand-in that
 * answers from the prompt and cuts at max_tokens like Bedrock, PolicyGuard, real dnf upgrade.
 */
class BigHostBedrockLabTest {

    static Lab lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        lab = Lab.build(StandardLabs.fleet(400, 400));
    }

    @Test
    void run_400UpdateHost_isPlannedByTheModel_andPatchedByRealDnf() {
        PlanningModelStandIn model = new PlanningModelStandIn(false);
        try (BedrockLabFixture aws = new BedrockLabFixture(model)) {
            aws.bedrock.stubFor(post(urlPathMatching(BedrockLabFixture.INVOKE))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withTransformers(PlanningModelStandIn.NAME)));
            LabHost host = lab.newHost(tmp.resolve("big"), HostSpec.allBase());
            Map<String, List<String>> before = host.installed();

            LabRun run = BedrockLabFixture.run(host, "--report-dir=" + tmp.resolve("reports"), "--no-compliance");

            assertThat(run.exitCode).as(run.stderr).isZero();
            JsonNode report = BedrockLabFixture.report(run);
            assertThat(report.at("/advisor/kind").asText()).isEqualTo("bedrock");
            assertThat(report.at("/advisor/fallback_reason").isNull()).as(report.at("/advisor").toString()).isTrue();
            assertThat(report.at("/advisor/output_format").asText()).isEqualTo("json_schema");
            assertThat(report.at("/advisor/output_tokens").asLong()).isEqualTo(model.lastOutputTokens.get()).isLessThan(120);
            Map<String, List<String>> after = host.installed();
            long upgraded = after.entrySet().stream().filter(e -> e.getKey().startsWith("labpkg"))
                    .filter(e -> e.getValue().stream().allMatch(v -> v.contains("1.0-2.el8"))).count();
            assertThat(upgraded).isEqualTo(398);
            assertThat(after.get("kernel-core")).isEqualTo(before.get("kernel-core"));
            aws.bedrock.verify(1, postRequestedFor(urlPathMatching(BedrockLabFixture.INVOKE))
                    .withRequestBody(matchingJsonPath("$.output_config.format.type", equalTo("json_schema")))
                    .withRequestBody(matchingJsonPath("$.output_config.format.schema.required[0]",
                            equalTo("install_all_other_reported")))
                    .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("1024"))));
        }
    }

    @Test
    void previousShape_listingEveryInstall_isCutAtMaxTokens_andFallsBack() {
        // The old prompt's answer, as the same stand-in would write it: the reason for this issue.
        PlanningModelStandIn model = new PlanningModelStandIn(true);
        try (BedrockLabFixture aws = new BedrockLabFixture(model)) {
            aws.bedrock.stubFor(post(urlPathMatching(BedrockLabFixture.INVOKE))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withTransformers(PlanningModelStandIn.NAME)));
            LabHost host = lab.newHost(tmp.resolve("old"), HostSpec.allBase());

            LabRun run = BedrockLabFixture.run(host, "--scan-only", "--report-dir=" + tmp.resolve("reports"), "--no-compliance");

            JsonNode report = BedrockLabFixture.report(run);
            assertThat(report.at("/advisor/kind").asText()).isEqualTo("rules");
            assertThat(report.at("/advisor/fallback_reason").asText()).startsWith("BAD_REPLY: reply truncated (stop_reason=max_tokens)");
        }
    }
}
