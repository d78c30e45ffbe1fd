package io.patchctl.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

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
        reporter = SsmComplianceReporter.create(AwsClientSettings.builder().region("us-east-2")
                .endpointOverride(URI.create(ssm.baseUrl()))
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
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

    private static RunReport report(String instanceId) {
        SecurityUpdate openssl = new SecurityUpdate("RHSA-2021:1024", Severity.IMPORTANT, List.of("CVE-2021-3449"),
                "openssl-libs", "x86_64", "1:1.1.1k-1.el8", "1:1.1.1k-2.el8");
        SecurityUpdate kernel = new SecurityUpdate("RHSA-2021:3000", Severity.IMPORTANT, List.of(), "kernel-core",
                "x86_64", "4.18.0-305.el8", "4.18.0-305.10.2.el8");
        return new RunReport(null, "run-1", Instant.parse("2026-11-26T14:00:00Z"), "dev", instanceId, "h", "/",
                RunMode.SCAN_ONLY, RunStatus.NON_COMPLIANT, 3, List.of(openssl, kernel), null, null, List.of("openssl-libs"),
                List.of(new HeldPackage("kernel-core", "policy")), List.of(), null, null, Verification.notRun(), null, 1, 5, null);
    }
}
