package io.patchctl.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PolicyLoader;
import io.patchctl.core.plan.approval.ApprovalRules;
import io.patchctl.core.plan.approval.ExceptionState;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exceptions across hosts, read back from stored RunReport JSON like `patchctl report` reads them. */
class FleetExceptionTest {

    static final PatchPolicy POLICY = PolicyLoader.parse("""
            exceptions:
              - package: "openssh*"
                reason: sshd migration
                owner: alice
                expires: 2026-12-05
              - cve: CVE-2026-1111
                reason: vendor build pending
                owner: bob
              - advisory: RHSA-2026:0001
                reason: broke billing
                owner: carol
                expires: 2026-11-20
              - package: httpd
                reason: app freeze
                owner: dave
                expires: 2027-03-01
            """);

    static JsonNode stored(String instance, Instant when, List<SecurityUpdate> discovered) {
        ApprovalRules rules = new ApprovalRules(POLICY.approval(), LocalDate.ofInstant(when, ZoneOffset.UTC));
        RunReport report = RunReport.builder().runId("r-" + instance).timestamp(when).environment("prod").instanceId(instance)
                .status(RunStatus.COMPLIANT).discovered(discovered).exceptions(rules.exceptionsSection(discovered)).build();
        return Json.mapper().valueToTree(report);
    }

    static SecurityUpdate update(String name, String advisory, String... cves) {
        return new SecurityUpdate(advisory, Severity.IMPORTANT, List.of(cves), name, "x86_64", "1-1", "1-2");
    }

    static FleetReport fleet() {
        Instant day = Instant.parse("2026-12-01T10:00:00Z");
        List<HostResult> hosts = new ArrayList<>();
        hosts.add(HostResult.fromRunReport("k1", stored("i-01", day, List.of(update("openssh-server", "RHSA-2026:0100"),
                update("libxml2", "RHSA-2026:0001")))));
        hosts.add(HostResult.fromRunReport("k2", stored("i-02", day.plusSeconds(60), List.of(update("openssh", "RHSA-2026:0100"),
                update("curl", "RHSA-2026:0200", "CVE-2026-1111")))));
        hosts.add(HostResult.fromRunReport("k3", stored("i-03", day.plusSeconds(120), List.of())));
        return new FleetReport(day.plusSeconds(600), "test", "prod", null, hosts, List.of());
    }

    @Test
    void of_oneRowPerEntry_lapsingFirst_withTheHostsItHeldOn() {
        List<FleetException> rows = fleet().exceptions();
        assertThat(rows).extracting(FleetException::value, FleetException::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("openssh*", ExceptionState.LAPSING),
                org.assertj.core.groups.Tuple.tuple("RHSA-2026:0001", ExceptionState.LAPSED),
                org.assertj.core.groups.Tuple.tuple("httpd", ExceptionState.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("CVE-2026-1111", ExceptionState.ACTIVE));
        FleetException ssh = rows.get(0);
        assertThat(ssh.hosts()).containsExactly("i-01", "i-02", "i-03");
        assertThat(ssh.holdingHosts()).containsExactly("i-01", "i-02");
        assertThat(ssh.packages()).containsExactly("openssh", "openssh-server");
        assertThat(ssh.asOf()).isEqualTo("2026-12-01T10:02:00Z");
        FleetException lapsed = rows.get(1);
        assertThat(lapsed.allowedAgainHosts()).containsExactly("i-01");
        assertThat(lapsed.holdingHosts()).isEmpty();
        assertThat(rows.get(3).noExpiry()).isTrue();
        assertThat(rows.get(3).holdingHosts()).containsExactly("i-02");
    }

    @Test
    void json_listsExceptionsBesideTheHosts() {
        JsonNode json = new FleetReportJson().toJson(fleet());
        assertThat(json.at("/exceptions/0/state").asText()).isEqualTo("LAPSING");
        assertThat(json.at("/exceptions/0/holding_hosts/1").asText()).isEqualTo("i-02");
        assertThat(json.at("/exceptions/1/allowed_again_hosts/0").asText()).isEqualTo("i-01");
        assertThat(json.at("/exceptions/3/no_expiry").asBoolean()).isTrue();
        assertThat(json.at("/hosts/0/exceptions/0/holding/0").asText()).isEqualTo("openssh-server");
    }

    @Test
    void fromRunReport_damagedEntry_isLeftOut_hostStays() {
        ObjectNode run = (ObjectNode) stored("i-09", Instant.parse("2026-12-01T10:00:00Z"), List.of(update("openssh", "X-1")));
        run.remove("exit_code"); // forces the field-by-field reader
        ((ObjectNode) run.at("/exceptions/entries/1")).put("state", "SOMETIMES");
        ((com.fasterxml.jackson.databind.node.ArrayNode) run.at("/exceptions/entries")).add("not an entry");
        HostResult host = HostResult.fromRunReport("k9", run);
        assertThat(host.instanceId()).isEqualTo("i-09");
        assertThat(host.exceptions()).extracting(e -> e.value()).containsExactly("openssh*", "RHSA-2026:0001", "httpd");
        assertThat(HostResult.fromRunReport("k", stored("i-10", Instant.EPOCH, List.of())).exceptions()).hasSize(4);
    }
}
