package io.patchctl.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.aws.BedrockStub;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --advisor bedrock} against a counting Bedrock stand-in (WireMock on 127.0.0.1, the
 * real SDK client): one plan call per distinct update set, not per host; one analysis per failure.
 */
class SimulateBedrockTest {

    private static final List<String> PROPS = List.of("aws.endpointUrlBedrockRuntime", "aws.accessKeyId",
            "aws.secretAccessKey");
    private static final String PLAN = "{\"install\":[\"openssl-libs\",\"curl\",\"sudo\",\"zlib\",\"libxml2\","
            + "\"tzdata-broken\",\"kernel-core\"],\"hold\":[],\"risk\":\"LOW\",\"reasoning\":\"security fixes\"}";
    private static final String ANALYSIS = "{\"root_cause\":\"stand-in: the %pre scriptlet of tzdata-broken exits 1\","
            + "\"severity\":\"HIGH\",\"immediate_actions\":[\"read the scriptlet output\"],"
            + "\"dnf_commands\":[\"dnf history info last\"],\"aws_cli_commands\":[],"
            + "\"preventive_measures\":[\"stage packages\"],\"escalate\":false,\"summary\":\"scriptlet\"}";

    @TempDir
    Path tmp;
    private WireMockServer bedrock;
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void standIn() {
        bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        bedrock.start();
        bedrock.stubFor(post(urlPathMatching("/model/.+/invoke")).withRequestBody(notContaining("root_cause"))
                .willReturn(reply(PLAN)));
        bedrock.stubFor(post(urlPathMatching("/model/.+/invoke")).withRequestBody(containing("root_cause"))
                .willReturn(reply(ANALYSIS)));
        PROPS.forEach(p -> saved.put(p, System.getProperty(p)));
        System.setProperty("aws.endpointUrlBedrockRuntime", bedrock.baseUrl());
        System.setProperty("aws.accessKeyId", "AKIDSTANDIN");
        System.setProperty("aws.secretAccessKey", "stand-in-secret");
    }

    @AfterEach
    void stop() {
        bedrock.stop();
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void bedrockAdvisor_onePlanCallPerDistinctUpdateSet_andPolicyGuardStillDecides() throws Exception {
        // hosts 0 and 4 have the same pending updates (all-pending): 5 hosts, 4 update sets
        SimulateCommandTest.Run run = SimulateCommandTest.simulate(tmp.resolve("out"), "--hosts", "5",
                "--concurrency", "5", "--advisor", "bedrock");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(4);
        JsonNode json = run.fleetJson();
        StringBuilder advisors = new StringBuilder();
        json.get("hosts").forEach(h -> advisors.append(h.get("instance_id").asText()).append(' ')
                .append(h.get("advisor_kind").asText()).append('/').append(h.get("plan_cache").asText()).append('/')
                .append(h.get("fallback_reason").asText()).append('\n'));
        int planCalls = bedrock.findAll(postRequestedFor(urlPathMatching("/model/.+/invoke"))
                .withRequestBody(notContaining("root_cause"))).size();
        int analysisCalls = bedrock.findAll(postRequestedFor(urlPathMatching("/model/.+/invoke"))
                .withRequestBody(containing("root_cause"))).size();
        assertThat(json.at("/cycle/distinct_update_sets").asInt()).isEqualTo(4);
        assertThat(planCalls).isEqualTo(4);
        assertThat(analysisCalls).isEqualTo(1);
        assertThat(json.at("/cycle/model_calls").asInt()).as(advisors.toString()).isEqualTo(4);
        JsonNode hosts = json.get("hosts");
        assertThat(hosts).allSatisfy(h -> assertThat(h.get("advisor_kind").asText()).isEqualTo("bedrock"));
        assertThat(hosts).filteredOn(h -> h.get("plan_cache").asText().equals("hit")).hasSize(1);
        // the model proposed kernel-core and packages some hosts do not have: PolicyGuard refused them
        assertThat(hosts.get(0).get("rejected").toString()).contains("kernel-core");
        assertThat(hosts.get(1).get("rejected").toString()).contains("openssl-libs");
        assertThat(hosts.get(2).at("/insight/root_cause").asText()).startsWith("stand-in: the %pre scriptlet");
        assertThat(hosts.get(2).at("/insight/analysis_source").asText()).isEqualTo("bedrock");
        // hosts 1 and 5 share an update set and run in parallel: whichever finishes planning second hits the cache
        assertThat(run.stdout().lines().filter(l -> l.contains("Bedrock [cache]")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .containsPattern("i-01ab000000000000[15]\\s+Red Hat Enterprise Linux 8.10\\s+COMPLIANT\\s+5\\s+\\d+\\s+\\d+\\s+Bedrock \\[cache\\]");
    }

    @Test
    void rings_perRingModelCalls_areTheCallsTheStandInReceived_andProdInstallsOnlyProvenBuilds() throws Exception {
        // 18 hosts in two rings of 9: each block holds the whole profile rotation
        SimulateCommandTest.Run run = SimulateCommandTest.simulate(tmp.resolve("rings"), "--hosts", "18",
                "--concurrency", "3", "--advisor", "bedrock", "--rings", "dev,prod", "--soak-days", "1");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(4);
        JsonNode hosts = run.fleetJson().get("hosts");
        long devCalls = 0;
        long prodCalls = 0;
        int frozen = 0;
        StringBuilder advisors = new StringBuilder();
        for (JsonNode h : hosts) {
            boolean call = h.get("advisor_kind").asText().equals("bedrock") && !h.get("plan_cache").asText().equals("hit");
            if (h.get("ring").asText().equals("dev")) {
                devCalls += call ? 1 : 0;
            } else {
                prodCalls += call ? 1 : 0;
                frozen += h.get("advisor_kind").asText().equals("ring") ? 1 : 0;
            }
            advisors.append(h.get("ring").asText()).append(' ').append(h.get("instance_id").asText()).append(' ')
                    .append(h.get("advisor_kind").asText()).append('/').append(h.get("plan_cache").asText()).append('\n');
        }
        int planCalls = bedrock.findAll(postRequestedFor(urlPathMatching("/model/.+/invoke"))
                .withRequestBody(notContaining("root_cause"))).size();
        // each ring's kernel-reboot host runs twice (before and after its simulated reboot); the fleet report
        // shows the resumed run, so the stand-in may see one call per ring more than the reports count
        assertThat(planCalls).as(advisors.toString()).isBetween((int) (devCalls + prodCalls), (int) (devCalls + prodCalls) + 2);
        // the per-ring table counts the model calls of the runs the fleet report shows
        assertThat(run.stdout()).containsPattern("(?m)^dev +open +9 .* " + devCalls + "  -$")
                .containsPattern("(?m)^prod +approval v1 of dev +9 .* " + prodCalls + "  dev -> prod: v1 written");
        // Same fingerprint, same plan: the ring fingerprint counts only updates the policy allows, so the
        // policy-held kernel every profile has pending no longer sets dev's sets apart from prod's; prod
        // hosts whose proven set dev planned run dev's plan without a model call
        // the figure for docs/lab.md
        System.out.printf("rings dev,prod (18 hosts): model calls dev %d, prod %d; prod hosts on a frozen plan %d%n",
                devCalls, prodCalls, frozen);
        assertThat(frozen).as(advisors.toString()).isPositive();
        assertThat(prodCalls).as(advisors.toString()).isLessThan(devCalls);
        hosts.forEach(h -> assertThat(h.get("installed").toString()).doesNotContain("1:1.1.1k-13.el8"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder reply(String text) {
        return BedrockStub.reply(text, "end_turn", 400, 80).withFixedDelay(300);
    }
}
