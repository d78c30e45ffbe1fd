package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import io.patchctl.dnf.process.ProcessRunner;
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

/** {@code patchctl run --cve/--advisory} through real dnf and rpm in lab installroots. */
class CampaignRunLabTest {

    static Lab lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.failing());
    }

    private static JsonNode json(LabRun run) throws Exception {
        assertThat(run.stdout).as("stdout of patchctl run; stderr was: %s", run.stderr).startsWith("{");
        return Json.mapper().readTree(run.stdout);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode result(JsonNode report, String id) {
        for (JsonNode r : report.get("campaign").get("results")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no campaign result for " + id + " in " + report.get("campaign"));
    }

    private static String heldReason(JsonNode report, String name) {
        for (JsonNode h : report.get("held")) {
            if (h.get("package_name").asText().equals(name)) {
                return h.get("reason").asText();
            }
        }
        return null;
    }

    @Test
    void campaign_installsOnlyTheUpdatesThatFixTheIds_andRecordsEachIdsOutcome() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET));
        Map<String, List<String>> before = host.installed();

        // CVE-2026-0002 is listed by RHSA-2026:1001 (openssl-libs); RHSA-2026:1002 is curl's advisory;
        // CVE-2026-0006 is the kernel's (held by the default policy); CVE-2026-0007 is nginx's (not installed).
        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--report-dir=" + tmp.resolve("reports"), "--cve=CVE-2026-0002", "--advisory=RHSA-2026:1002",
                "--cve", "CVE-2026-0006", "--cve", "CVE-2026-0007");

        assertThat(run.exitCode).as(run.stderr).isZero();
        JsonNode report = json(run);
        assertThat(report.get("status").asText()).isEqualTo("COMPLIANT");
        assertThat(texts(report.get("approved"))).containsExactlyInAnyOrder("openssl-libs", "curl");
        Map<String, List<String>> after = host.installed();
        assertThat(after.get("openssl-libs")).containsExactly("1:1.1.1k-12.el8.x86_64");
        assertThat(after.get("curl")).containsExactly("7.61.1-34.el8.x86_64");
        for (String untouched : List.of("sudo", "zlib", "libxml2", "kernel", "kernel-core")) {
            assertThat(after.get(untouched)).as(untouched).isEqualTo(before.get(untouched));
        }
        String campaign = "not in campaign CVE-2026-0002,CVE-2026-0006,CVE-2026-0007,RHSA-2026:1002";
        assertThat(heldReason(report, "sudo")).isEqualTo(campaign);
        assertThat(heldReason(report, "zlib")).isEqualTo(campaign);
        assertThat(heldReason(report, "kernel")).isEqualTo("policy holds packages matching 'kernel*'");
        assertThat(texts(report.get("campaign").get("cves"))).containsExactly("CVE-2026-0002", "CVE-2026-0006", "CVE-2026-0007");
        assertThat(texts(report.get("campaign").get("advisories"))).containsExactly("RHSA-2026:1002");
        assertThat(result(report, "CVE-2026-0002").get("status").asText()).isEqualTo("FIXED");
        assertThat(texts(result(report, "CVE-2026-0002").get("packages"))).containsExactly("openssl-libs");
        assertThat(result(report, "RHSA-2026:1002").get("status").asText()).isEqualTo("FIXED");
        assertThat(result(report, "CVE-2026-0006").get("status").asText()).isEqualTo("HELD");
        assertThat(result(report, "CVE-2026-0006").get("reason").asText())
                .contains("kernel: policy holds packages matching 'kernel*'");
        assertThat(result(report, "CVE-2026-0007").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(run.stderr).contains("patchctl: campaign CVE-2026-0006 HELD");
    }

    @Test
    void campaign_selectedKernel_isInstalledWhenThePolicyAllowsKernels() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET));
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "hold_packages: []\n");

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--policy=" + policy, "--advisory=RHSA-2026:1006");

        assertThat(run.exitCode).as(run.stderr).isZero();
        JsonNode report = json(run);
        assertThat(texts(report.get("approved"))).containsExactlyInAnyOrder("kernel", "kernel-core");
        assertThat(result(report, "RHSA-2026:1006").get("status").asText()).isEqualTo("FIXED");
        assertThat(host.installed().get("curl")).containsExactly("7.61.1-33.el8.x86_64");
    }

    @Test
    void campaign_onTheFailingScriptlet_isFailed_andTheOtherUpdatesAreNotTouched() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--cve=CVE-2026-10990");

        assertThat(run.exitCode).as(run.stderr).isEqualTo(4);
        JsonNode report = json(run);
        assertThat(texts(report.get("approved"))).containsExactly(StandardLabs.FAILING_SCRIPTLET);
        assertThat(result(report, "CVE-2026-10990").get("status").asText()).isEqualTo("FAILED");
        assertThat(result(report, "CVE-2026-10990").get("reason").asText()).contains("scriptlet failed");
        assertThat(host.installed().get("curl")).containsExactly("7.61.1-33.el8.x86_64");
        host.checkRpmDatabase();
    }

    @Test
    void invalidId_isExit1_beforeAnythingRuns() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET));
        Map<String, List<String>> before = host.installed();

        for (String[] bad : List.of(new String[] {"--cve=CVE-2026-12"}, new String[] {"--advisory=RHSA-2026:1001;reboot"},
                new String[] {"--cve=CVE-2026-0003", "--advisory=rhsa-2026:1002"})) {
            List<String> args = new ArrayList<>(List.of("--advisor=rules", "--report-dir=" + tmp.resolve("reports")));
            args.addAll(List.of(bad));
            LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), args.toArray(String[]::new));

            assertThat(run.exitCode).as(run.stderr).isEqualTo(1);
            assertThat(run.stderr).contains("--cve/--advisory: '").contains("is not a");
            assertThat(run.stdout).isEmpty();
        }
        assertThat(host.installed()).isEqualTo(before);
        assertThat(tmp.resolve("reports")).doesNotExist();
    }
}
