package io.patchctl.aws;

import io.patchctl.core.compliance.ComplianceItems;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.report.Verification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SsmComplianceReporterTest {

    private WireMockServer ssm;
    private SsmComplianceReporter reporter;

    @BeforeEach
    void start() {
        ssm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ssm.start();
        reporter = SsmComplianceReporter.create(AwsClientSettings.builder(AwsClientSettings.Profile.COMPLIANCE).region("us-east-2")
                .endpointOverride(URI.create(ssm.baseUrl()))
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build(), ComplianceItems.TYPE);
    }

    @AfterEach
    void stop() {
        reporter.close();
        ssm.stop();
    }

    @Test
    void report_ec2Instance_putsOneItemPerAdvisoryWithMappedSeverity() {
        ssm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));

        SsmComplianceReporter.Outcome outcome = reporter.report(report("i-0abc1234567890def"));

        assertThat(outcome.sent()).isTrue();
        assertThat(outcome.items()).isEqualTo(2);
        ssm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.PutComplianceItems"))
                .withRequestBody(matchingJsonPath("$.ResourceId", equalTo("i-0abc1234567890def")))
                .withRequestBody(matchingJsonPath("$.ResourceType", equalTo("ManagedInstance")))
                .withRequestBody(matchingJsonPath("$.ComplianceType", equalTo("Custom:RHEL8SecurityPatching")))
                .withRequestBody(matchingJsonPath("$.UploadType", equalTo("COMPLETE")))
                .withRequestBody(matchingJsonPath("$.ExecutionSummary.ExecutionId", equalTo("run-1")))
                .withRequestBody(matchingJsonPath("$.Items[0].Id", equalTo("RHSA-2021:1024")))
                .withRequestBody(matchingJsonPath("$.Items[0].Severity", equalTo("HIGH")))
                .withRequestBody(matchingJsonPath("$.Items[0].Status", equalTo("NON_COMPLIANT")))
                .withRequestBody(matchingJsonPath("$.Items[1].Status", equalTo("COMPLIANT"))));
    }

    @Test
    void report_notAnInstance_isSkippedWithoutACall() {
        SsmComplianceReporter.Outcome outcome = reporter.report(report("lab-host-03"));

        assertThat(outcome.sent()).isFalse();
        assertThat(outcome.skippedBecause()).isEqualTo("instance id 'lab-host-03' is not an EC2 or managed instance");
        assertThat(ssm.getAllServeEvents()).isEmpty();
    }

    @Test
    void report_accessDenied_returnsTheErrorWithoutThrowing() {
        ssm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform ssm:PutComplianceItems\"}")));

        SsmComplianceReporter.Outcome outcome = reporter.report(report("i-0abc1234567890def"));

        assertThat(outcome.sent()).isFalse();
        assertThat(outcome.error()).startsWith("PutComplianceItems failed: not authorized to perform ssm:PutComplianceItems");
    }

    @Test
    void report_longAdvisoryTitle_isCutToTheApis500Characters_underTheConfiguredType() throws Exception {
        // A real advisory can list dozens of packages: the title (advisory + package names) passed 500.
        ssm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));
        List<SecurityUpdate> updates = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            updates.add(new SecurityUpdate("RHSA-2024:2222", Severity.MODERATE, List.of("CVE-2024-0001"),
                    "texlive-collection-fontsrecommended-" + i, "noarch", "7:20180414-28.el8", "7:20180414-29.el8"));
        }
        try (SsmComplianceReporter typed = new SsmComplianceReporter(software.amazon.awssdk.services.ssm.SsmClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_2).endpointOverride(URI.create(ssm.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))).build(),
                "Custom:ProdPatching")) {

            SsmComplianceReporter.Outcome outcome = typed.report(report("i-0abc1234567890def", updates));

            assertThat(outcome.error()).isNull();
        }
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ssm.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(body.get("ComplianceType").asText()).isEqualTo("Custom:ProdPatching");
        String title = body.get("Items").get(0).get("Title").asText();
        assertThat(title).hasSize(SsmComplianceLimits.MAX_TITLE).startsWith("RHSA-2024:2222 texlive-").endsWith("…");
        body.get("Items").get(0).get("Details").fields().forEachRemaining(e ->
                assertThat(e.getValue().asText().length()).isLessThanOrEqualTo(SsmComplianceLimits.MAX_DETAIL_VALUE));
    }

    @Test
    void reporter_refusesATypeTheApiWouldReject() {
        assertThatThrownBy(() -> SsmComplianceReporter.create(AwsClientSettings.builder(AwsClientSettings.Profile.COMPLIANCE).region("us-east-2").build(),
                "Custom:RHEL8-Security"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compliance type must be Custom:<name> of at most 100 characters (a letter, digit, _ or -,"
                        + " then letters, digits or _), was 'Custom:RHEL8-Security'");
    }

    private static RunReport report(String instanceId, List<SecurityUpdate> updates) {
        return scan(instanceId).discovered(updates).build();
    }

    private static RunReport.Builder scan(String instanceId) {
        return RunReport.builder().runId("run-1").timestamp(Instant.parse("2026-11-26T14:00:00Z")).environment("dev")
                .instanceId(instanceId).hostname("h").installroot("/").mode(RunMode.SCAN_ONLY).status(RunStatus.NON_COMPLIANT)
                .exitCode(3).verification(Verification.notRun()).dnfInvocations(1).durationMillis(5);
    }

    private static RunReport report(String instanceId) {
        SecurityUpdate openssl = new SecurityUpdate("RHSA-2021:1024", Severity.IMPORTANT, List.of("CVE-2021-3449"),
                "openssl-libs", "x86_64", "1:1.1.1k-1.el8", "1:1.1.1k-2.el8");
        SecurityUpdate kernel = new SecurityUpdate("RHSA-2021:3000", Severity.IMPORTANT, List.of(), "kernel-core",
                "x86_64", "4.18.0-305.el8", "4.18.0-305.10.2.el8");
        return scan(instanceId).discovered(List.of(openssl, kernel)).approved(List.of("openssl-libs"))
                .held(List.of(new HeldPackage("kernel-core", "policy"))).build();
    }
}
