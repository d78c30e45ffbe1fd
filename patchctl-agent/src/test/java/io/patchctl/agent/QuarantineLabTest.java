package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.core.internal.json.Json;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-update circuit breaker through {@code patchctl run} and real dnf: two lab hosts with the
 * package whose %pre fails share one store (a directory, then an S3Proxy bucket). The first host fails
 * on it and quarantines it; the second holds it, installs the rest, and is NON_COMPLIANT, not FAILED.
 */
class QuarantineLabTest {

    private static final String BUCKET = "dev-rhel8-patch-logs-123456789012";
    private static final String BROKEN = StandardLabs.FAILING_SCRIPTLET;

    static Lab lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.failing());
    }

    @Test
    void run_twoHostsSharingAReportDir_firstFailsOnTheScriptletSecondHoldsItAndPatchesTheRest() throws Exception {
        Path reports = tmp.resolve("reports");
        LabHost first = lab.newHost(tmp.resolve("a"), HostSpec.allBase());
        LabHost second = lab.newHost(tmp.resolve("b"), HostSpec.allBase());

        LabRun a = BedrockLabFixture.runAs(first, "i-0aaa1111", "--advisor=rules", "--report-dir=" + reports);
        LabRun b = BedrockLabFixture.runAs(second, "i-0bbb2222", "--advisor=rules", "--report-dir=" + reports);

        assertFirstFailedSecondHeld(a, b, first, second);
        Path record = reports.resolve("bedrock-patch-quarantine/dev/" + BROKEN + ".json");
        assertThat(record).exists();
        JsonNode stored = Json.mapper().readTree(Files.readAllBytes(record));
        assertThat(stored.get("instance_id").asText()).isEqualTo("i-0aaa1111");
        assertThat(stored.get("evr").asText()).isEqualTo("2026a-1.el8");
        assertThat(stored.get("nevra").asText()).isEqualTo("tzdata-broken-2026a-1.el8.noarch");
        assertThat(stored.get("error_line").asText()).contains("tzdata-broken");
    }

    @Test
    void run_twoHostsSharingAnS3Bucket_firstFailsOnTheScriptletSecondHoldsItAndPatchesTheRest() throws Exception {
        try (BedrockLabFixture aws = new BedrockLabFixture()) {
            aws.s3.createBucket(BUCKET);
            LabHost first = lab.newHost(tmp.resolve("a"), HostSpec.allBase());
            LabHost second = lab.newHost(tmp.resolve("b"), HostSpec.allBase());

            LabRun a = BedrockLabFixture.runAs(first, "i-0aaa1111", "--advisor=rules", "--report-bucket=" + BUCKET,
                    "--no-compliance");
            LabRun b = BedrockLabFixture.runAs(second, "i-0bbb2222", "--advisor=rules", "--report-bucket=" + BUCKET,
                    "--no-compliance");

            assertFirstFailedSecondHeld(a, b, first, second);
            try (S3ReportStore store = S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE,
                    "us-east-2", Map.of("AWS_ENDPOINT_URL_S3", aws.s3.endpoint().toString())), BUCKET)) {
                assertThat(store.list("bedrock-patch-quarantine/dev/")).containsExactlyInAnyOrder(
                        "bedrock-patch-quarantine/dev/" + BROKEN + "/i-0aaa1111.json",
                        "bedrock-patch-quarantine/dev/" + BROKEN + ".json");
            }
        }
    }

    @Test
    void run_breakerOffByPolicy_secondHostFailsToo() throws Exception {
        Path reports = tmp.resolve("reports");
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "circuit_breaker: off\n");
        LabHost first = lab.newHost(tmp.resolve("a"), HostSpec.allBase());
        LabHost second = lab.newHost(tmp.resolve("b"), HostSpec.allBase());

        LabRun a = BedrockLabFixture.runAs(first, "i-0aaa1111", "--advisor=rules", "--report-dir=" + reports,
                "--policy=" + policy);
        LabRun b = BedrockLabFixture.runAs(second, "i-0bbb2222", "--advisor=rules", "--report-dir=" + reports,
                "--policy=" + policy);

        assertThat(a.exitCode).as(a.stderr).isEqualTo(4);
        assertThat(b.exitCode).as(b.stderr).isEqualTo(4);
        assertThat(BedrockLabFixture.report(b).at("/quarantine/state").asText()).isEqualTo("OFF");
        assertThat(reports.resolve("bedrock-patch-quarantine")).doesNotExist();
    }

    private static void assertFirstFailedSecondHeld(LabRun a, LabRun b, LabHost first, LabHost second) throws Exception {
        JsonNode failed = BedrockLabFixture.report(a);
        assertThat(a.exitCode).as(a.stderr).isEqualTo(4);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.at("/quarantine/recorded/0/package_name").asText()).isEqualTo(BROKEN);
        assertThat(failed.at("/quarantine/recorded/0/failure_class").asText()).isEqualTo("SCRIPTLET");
        assertThat(failed.at("/quarantine/recorded/0/outcome").asText()).isEqualTo("CREATED");

        JsonNode held = BedrockLabFixture.report(b);
        assertThat(b.exitCode).as(b.stderr).isEqualTo(3);
        assertThat(held.get("status").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(texts(held.get("approved"))).doesNotContain(BROKEN).contains("openssl-libs", "curl");
        assertThat(held.get("held")).anySatisfy(h -> {
            assertThat(h.get("package_name").asText()).isEqualTo(BROKEN);
            assertThat(h.get("reason").asText()).startsWith("quarantined: tzdata-broken-2026a-1.el8 failed on i-0aaa1111: scriptlet");
        });
        assertThat(held.get("apply").get("success").asBoolean()).isTrue();
        assertThat(held.get("error").isNull()).isTrue();
        assertThat(texts(held.at("/verification/remaining_allowed"))).containsExactly(BROKEN);
        assertThat(held.at("/quarantine/held/0/failed_on/0").asText()).isEqualTo("i-0aaa1111");
        // issue 15 §1: the fix verification says why the advisory is still open: quarantined, not merely held
        JsonNode quarantinedAdvisory = FixVerificationLabTest.advisory(held, "RHSA-2026:1099");
        assertThat(quarantinedAdvisory.get("status").asText()).isEqualTo("NOT_FIXED");
        assertThat(quarantinedAdvisory.get("why").asText()).isEqualTo("QUARANTINED");
        assertThat(quarantinedAdvisory.get("packages").get(0).get("detail").asText()).startsWith("quarantined: ");
        assertThat(FixVerificationLabTest.cve(held, "CVE-2026-10990").get("why").asText()).isEqualTo("QUARANTINED");
        assertThat(FixVerificationLabTest.advisory(held, "RHSA-2026:1001").get("status").asText()).isEqualTo("FIXED");
        assertThat(held.get("held")).filteredOn(h -> h.get("package_name").asText().equals(BROKEN))
                .singleElement().satisfies(h -> assertThat(h.get("kind").asText()).isEqualTo("QUARANTINED"));

        // the second host got every other update; the broken one stays at the installed version on both
        assertThat(second.installed().get("openssl-libs")).isEqualTo(first.installed().get("openssl-libs"));
        assertThat(second.installed().get("openssl-libs")).containsExactly("1:1.1.1k-12.el8.x86_64");
        assertThat(second.installed().get(BROKEN)).containsExactly("2025a-1.el8.noarch");
        second.checkRpmDatabase();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
