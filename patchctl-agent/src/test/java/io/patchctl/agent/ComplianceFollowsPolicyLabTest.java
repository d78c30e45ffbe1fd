package io.patchctl.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.run.PostRunHook;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.SsmComplianceReporter;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.AdvisorInfo;
import io.patchctl.core.plan.AdvisorOutcome;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.Risk;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An advisor that holds every update (or plans only a harmless package): the run exits 3, and the
 * PutComplianceItems that reaches SSM (a WireMock stand-in, through the real SDK) must say
 * NON_COMPLIANT for every allowed advisory still pending, whoever held it. It used to say COMPLIANT.
 */
class ComplianceFollowsPolicyLabTest {

    static Lab lab;
    WireMockServer ssm;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.mixed());
    }

    @BeforeEach
    void start() {
        ssm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ssm.start();
        ssm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));
    }

    @AfterEach
    void stop() {
        ssm.stop();
    }

    private AgentComponents withSsmStandIn(LabHost host, Advisor advisor) {
        AgentComponents base = LabRun.components(host, advisor, new ProcessRunner());
        return new AgentComponents() {
            @Override
            public io.patchctl.core.host.PackageManager packageManager(Settings s) {
                return base.packageManager(s);
            }

            @Override
            public Advisor advisor(Settings s) {
                return advisor;
            }

            @Override
            public List<PostRunHook> hooks(Settings s) {
                return List.of(report -> {
                    try (SsmComplianceReporter r = SsmComplianceReporter.create(AwsClientSettings.builder(AwsClientSettings.Profile.COMPLIANCE).region("us-east-2")
                            .endpointOverride(URI.create(ssm.baseUrl()))
                            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                            .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build(),
                            io.patchctl.core.compliance.ComplianceItems.TYPE)) {
                        assertThat(r.report(report).sent()).isTrue();
                    }
                });
            }
        };
    }

    /** A run as on an EC2 instance (the instance id SSM compliance accepts). */
    private static LabRun onEc2(LabHost host, AgentComponents components) {
        java.util.List<String> args = new java.util.ArrayList<>(List.of("--installroot=" + host.installroot(),
                "--instance-id=i-0abc1234567890def", "--lock-file=" + host.dir().resolve("lock")));
        host.dnfArgs().forEach(a -> args.add("--dnf-arg=" + a));
        return LabRun.runRaw(components, args.toArray(new String[0]));
    }

    /** Advisory id to the status SSM was sent. */
    private Map<String, String> sentStatuses() throws Exception {
        var requests = ssm.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        JsonNode body = Json.mapper().readTree(requests.get(0).getBodyAsString());
        Map<String, String> statuses = new HashMap<>();
        body.get("Items").forEach(i -> statuses.put(i.get("Id").asText(), i.get("Status").asText()));
        return statuses;
    }

    @Test
    void holdAllReply_allowedPendingAdvisoriesAreNonCompliantInSsm() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Advisor holdAll = (updates, policy) -> new AdvisorOutcome(new PatchPlan(List.of(),
                updates.stream().map(u -> new HeldPackage(u.name(), "change freeze")).distinct().toList(), Risk.LOW,
                "hold everything"), AdvisorInfo.rules(0));

        LabRun run = onEc2(host, withSsmStandIn(host, holdAll));

        assertThat(run.exitCode).as(run.stderr).isEqualTo(ExitCode.NON_COMPLIANT.code());
        Map<String, String> sent = sentStatuses();
        // openssl-libs, curl, sudo, zlib, libxml2: allowed by policy, held only by the advisor
        for (String advisory : List.of("RHSA-2026:1001", "RHSA-2026:1002", "RHSA-2026:1003", "RHSA-2026:1004", "RHSA-2026:1005")) {
            assertThat(sent.get(advisory)).as(advisory).isEqualTo("NON_COMPLIANT");
        }
        // the kernel is held by the policy itself: that stays compliant
        assertThat(sent.get("RHSA-2026:1006")).isEqualTo("COMPLIANT");
    }

    @Test
    void harmlessOnlyReply_otherAllowedAdvisoriesStayNonCompliant() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Advisor onlyZlib = (updates, policy) -> new AdvisorOutcome(new PatchPlan(List.of("zlib"), List.of(), Risk.LOW,
                "zlib only"), AdvisorInfo.rules(0));

        LabRun run = onEc2(host, withSsmStandIn(host, onlyZlib));

        assertThat(run.exitCode).as(run.stderr).isEqualTo(ExitCode.NON_COMPLIANT.code());
        Map<String, String> sent = sentStatuses();
        assertThat(sent.get("RHSA-2026:1004")).isEqualTo("COMPLIANT"); // zlib installed and verified
        assertThat(sent.get("RHSA-2026:1002")).isEqualTo("NON_COMPLIANT"); // curl, Critical, still pending
    }
}
