package io.patchctl.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.AdvisorInfo;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.Rejection;
import io.patchctl.core.plan.Risk;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportJsonTest {

    static RunReport sample() {
        return RunReport.builder().runId("3f1c2a9e-0000-4000-8000-000000000001").timestamp(Instant.parse("2026-11-26T14:30:00Z"))
                .environment("dev").instanceId("i-0abc").hostname("web-1").installroot("/")
                .mode(RunMode.PATCH).status(RunStatus.COMPLIANT).exitCode(0)
                .discovered(List.of(new SecurityUpdate("RHSA-2026:0001", Severity.IMPORTANT, List.of("CVE-2026-0001"),
                        "openssl-libs", "x86_64", "1:1.1.1k-1.el8", "1:1.1.1k-2.el8")))
                .advisor(AdvisorSection.of(AdvisorInfo.rules(1), io.patchctl.core.plan.PlanCacheStatus.OFF))
                .plan(new PatchPlan(List.of("openssl-libs"), List.of(new HeldPackage("kernel-core", "policy")), Risk.LOW, "r"))
                .approved(List.of("openssl-libs")).held(List.of(new HeldPackage("kernel-core", "policy")))
                .rejected(List.of(new Rejection("nginx", "not reported")))
                .transactionTest(new TransactionTest(true, true, 0, null))
                .apply(new ApplyResult(true, true, 0, List.of("openssl-libs-1:1.1.1k-2.el8.x86_64"), null, "Complete!"))
                .verification(new Verification(true, List.of(), List.of("kernel-core")))
                .rebootNeeded(false).dnfInvocations(4).durationMillis(1234)
                .build();
    }

    @Test
    void json_isByteForByteTheShapeOfV1() throws Exception {
        // written by the positional constructor before the builder existed: the builder must not change a byte
        byte[] golden;
        try (var in = RunReportJsonTest.class.getResourceAsStream("run-report-sample.json")) {
            golden = in.readAllBytes();
        }

        assertThat(new String(Json.bytes(sample()), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void toBuilder_copiesEveryField() {
        RunReport s = sample();
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(s.toBuilder().error("x").build().error()).isEqualTo("x");
        RunReport ringed = s.toBuilder().ring("staging").build();
        assertThat(ringed.toBuilder().build().ring()).isEqualTo("staging");
        assertThat(io.patchctl.core.internal.json.Json.mapper().valueToTree(ringed).get("ring").asText()).isEqualTo("staging");
        assertThat(io.patchctl.core.internal.json.Json.mapper().valueToTree(s).has("ring")).as("absent without a ring").isFalse();
    }

    @Test
    void builder_withoutRunId_failsNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunReport.builder().timestamp(Instant.EPOCH)
                        .status(RunStatus.FAILED).build())
                .isInstanceOf(NullPointerException.class).hasMessage("runId");
    }

    @Test
    void json_usesTheSnakeCaseContract() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.bytes(sample()));

        assertThat(json.get("schema").asText()).isEqualTo("patchctl.run-report/v1");
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-26T14:30:00Z");
        assertThat(json.get("instance_id").asText()).isEqualTo("i-0abc");
        assertThat(json.get("discovered").get(0).get("available_evr").asText()).isEqualTo("1:1.1.1k-2.el8");
        assertThat(json.get("advisor").get("plan_cache").asText()).isEqualTo("off");
        assertThat(json.get("plan").get("hold").get(0).get("package_name").asText()).isEqualTo("kernel-core");
        assertThat(json.get("rejected").get(0).get("item").asText()).isEqualTo("nginx");
        assertThat(json.get("transaction_test").get("exit_code").asInt()).isZero();
        assertThat(json.get("apply").get("output_tail").asText()).isEqualTo("Complete!");
        assertThat(json.get("verification").get("remaining_held").get(0).asText()).isEqualTo("kernel-core");
        assertThat(json.get("reboot_needed").asBoolean()).isFalse();
        assertThat(json.get("dnf_invocations").asInt()).isEqualTo(4);
        assertThat(json.has("error")).isTrue();
    }

    @Test
    void json_roundTrips() throws Exception {
        RunReport back = Json.mapper().readValue(Json.bytes(sample()), RunReport.class);

        assertThat(back).isEqualTo(sample());
    }

    @Test
    void json_distroAndNotes_roundTripAndReadAsSnakeCase() throws Exception {
        RunReport s = sample();
        RunReport withDistro = s.toBuilder()
                .distro(new io.patchctl.core.host.Distro("rocky", "9.3", "Rocky Linux", "Rocky Linux 9.3 (Blue Onyx)"))
                .packageDb(null).spool(null).rejectedTotal(0).notes(List.of("a note")).build();

        JsonNode json = Json.mapper().readTree(Json.bytes(withDistro));
        RunReport back = Json.mapper().readValue(Json.bytes(withDistro), RunReport.class);

        assertThat(json.get("distro").get("id").asText()).isEqualTo("rocky");
        assertThat(json.get("distro").get("version_id").asText()).isEqualTo("9.3");
        assertThat(json.get("notes").get(0).asText()).isEqualTo("a note");
        assertThat(back).isEqualTo(withDistro);
    }

    @Test
    void json_reportWithoutDistro_readsAsUnknown() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree(Json.bytes(sample()));
        json.remove("distro");
        json.remove("notes");

        RunReport back = Json.mapper().treeToValue(json, RunReport.class);

        assertThat(back.distro()).isEqualTo(io.patchctl.core.host.Distro.UNKNOWN);
        assertThat(back.notes()).isEmpty();
    }
}
