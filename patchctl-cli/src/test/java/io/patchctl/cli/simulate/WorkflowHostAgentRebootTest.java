package io.patchctl.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel-reboot profile through the real workflow and dnf: 194, a simulated reboot, the resumed run. */
class WorkflowHostAgentRebootTest {

    @TempDir
    Path tmp;

    @Test
    void kernelRebootHost_exits194_isRebootedIntoTheNewKernel_andTheResumedRunIsCompliant() throws Exception {
        Lab lab = Lab.build(StandardLabs.failing());
        SimulatedHost host = new SimulatedHost(8, "i-0sim9", "lab-009", HostProfile.KERNEL_REBOOT);
        LabHost labHost = lab.newHost(tmp.resolve("host"), HostProfile.KERNEL_REBOOT.hostSpec());
        DirectoryReportStore store = new DirectoryReportStore(tmp.resolve("reports"));

        AgentResult result = new WorkflowHostAgent((h, env) -> new RulesAdvisor(), tmp.resolve("spool"))
                .run(host, labHost, "dev", store);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("patchctl: REBOOT_PENDING exit=194")
                .contains("simulate: host rebooted into 4.18.0-553.2.el8.x86_64").contains("patchctl: COMPLIANT exit=0");
        JsonNode report = result.runReport();
        assertThat(report.get("reboot").get("outcome").asText()).isEqualTo("RESUMED_ON_NEW_KERNEL");
        assertThat(report.get("reboot").get("running_kernel").asText()).isEqualTo("4.18.0-553.2.el8.x86_64");
        assertThat(report.get("fix_verification").get("advisories").toString())
                .contains("\"advisory_id\":\"RHSA-2026:1006\"").contains("\"status\":\"FIXED\"");
        assertThat(labHost.installed().get("kernel-core")).containsExactly("4.18.0-553.1.el8.x86_64", "4.18.0-553.2.el8.x86_64");
        List<String> statuses;
        try (Stream<Path> files = Files.walk(tmp.resolve("reports"))) {
            statuses = files.filter(Files::isRegularFile).map(p -> {
                try {
                    return Json.mapper().readTree(p.toFile()).get("status").asText();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(statuses).containsExactlyInAnyOrder("REBOOT_PENDING", "COMPLIANT");
    }
}
