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
        return new RunReport(null, "3f1c2a9e-0000-4000-8000-000000000001", Instant.parse("2026-11-26T14:30:00Z"), "dev",
                "i-0abc", "web-1", "/", RunMode.PATCH, RunStatus.COMPLIANT, 0,
                List.of(new SecurityUpdate("RHSA-2026:0001", Severity.IMPORTANT, List.of("CVE-2026-0001"), "openssl-libs",
                        "x86_64", "1:1.1.1k-1.el8", "1:1.1.1k-2.el8")),
                AdvisorSection.of(AdvisorInfo.rules(1), "off"),
                new PatchPlan(List.of("openssl-libs"), List.of(new HeldPackage("kernel-core", "policy")), Risk.LOW, "r"),
                List.of("openssl-libs"), List.of(new HeldPackage("kernel-core", "policy")),
                List.of(new Rejection("nginx", "not reported")),
                new TransactionTest(true, true, 0, null),
                new ApplyResult(true, true, 0, List.of("openssl-libs-1:1.1.1k-2.el8.x86_64"), null, "Complete!"),
                new Verification(true, List.of(), List.of("kernel-core")), false, 4, 1234, null);
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
        RunReport withDistro = new RunReport(s.schema(), s.runId(), s.timestamp(), s.environment(), s.instanceId(),
                s.hostname(), s.installroot(), s.mode(), s.status(), s.exitCode(), s.discovered(), s.advisor(), s.plan(),
                s.approved(), s.held(), s.rejected(), s.transactionTest(), s.apply(), s.verification(), s.rebootNeeded(),
                s.dnfInvocations(), s.durationMillis(), s.error(),
                new io.patchctl.core.host.Distro("rocky", "9.3", "Rocky Linux", "Rocky Linux 9.3 (Blue Onyx)"), null, null, 0,
                List.of("a note"));

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
