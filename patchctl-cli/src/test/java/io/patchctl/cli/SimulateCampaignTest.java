package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchctl simulate --cve/--advisory}: the campaign runner of {@code patchctl campaign} over the
 * lab fleet, each host through real dnf in its installroot, the RunReports in a report directory.
 */
class SimulateCampaignTest {

    @TempDir
    Path tmp;

    /** The newest stored RunReport of a simulated host. */
    private static JsonNode report(Path reports, String instance) throws Exception {
        Path dir = reports.resolve("bedrock-patch-runs/dev/" + instance);
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.sorted().reduce((a, b) -> b).orElseThrow();
            return Json.mapper().readTree(newest.toFile());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void campaignOverSixLabHosts_fixesTheIdsWherePending_avoidsTheBrokenPackage_andNamesTheUnreachableHost() throws Exception {
        Path out = tmp.resolve("out");

        SimulateCommandTest.Run run = SimulateCommandTest.simulate(out, "--hosts", "6", "--concurrency", "3",
                "--cve", "CVE-2026-0002", "--advisory", "RHSA-2026:1002");

        // hosts: all-pending, web, broken-scriptlet, minimal, all-pending, unreachable-repo
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(4);
        String table = run.stdout();
        assertThat(table).contains("campaign CVE-2026-0002,RHSA-2026:1002 on PatchGroup rhel8-dev").contains(": 6 host(s)")
                .containsPattern("i-01ab0000000000001 +SUCCESS +fixed +fixed +fixed")
                // web: openssl is already current there
                .containsPattern("i-01ab0000000000002 +SUCCESS +fixed +not-applicable +fixed")
                // broken-scriptlet: tzdata-broken is not in the campaign, so its failing %pre never runs
                .containsPattern("i-01ab0000000000003 +SUCCESS +fixed +fixed +fixed")
                .containsPattern("i-01ab0000000000004 +SUCCESS +fixed +fixed +not-applicable")
                .containsPattern("i-01ab0000000000006 +FAILED +failed +failed +failed")
                .contains("i-01ab0000000000006 CVE-2026-0002 failed: the run failed before planning: discovery failed")
                .contains("hosts: fixed 5, not applicable 0, held by policy 0, pending 0, failed 1");
        JsonNode broken = report(out, "i-01ab0000000000003");
        assertThat(texts(broken.get("approved"))).containsExactlyInAnyOrder("openssl-libs", "curl");
        assertThat(broken.get("apply").get("success").asBoolean()).isTrue();
        assertThat(broken.get("held").toString()).contains("{\"package_name\":\"tzdata-broken\",\"reason\":\"not in campaign"
                + " CVE-2026-0002,RHSA-2026:1002\",\"kind\":\"POLICY\"}");
    }

    @Test
    void campaignOnTheKernelsCve_isHeldByTheDefaultPolicy_exit3() {
        SimulateCommandTest.Run run = SimulateCommandTest.simulate(tmp.resolve("out"), "--hosts", "1",
                "--cve", "CVE-2026-0006");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(3);
        assertThat(run.stdout()).containsPattern("i-01ab0000000000001 +SUCCESS +held-by-policy +held-by-policy")
                .contains("CVE-2026-0006 held-by-policy: kernel: policy holds packages matching 'kernel*'");
    }

    @Test
    void invalidOrMissingIds_areExit1_beforeTheLabIsBuilt() {
        SimulateCommandTest.Run bad = SimulateCommandTest.simulate(tmp.resolve("bad"), "--cve", "CVE-2026-1");
        SimulateCommandTest.Run bedrock = SimulateCommandTest.simulate(tmp.resolve("bedrock"), "--cve", "CVE-2026-0002",
                "--advisor", "bedrock");

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).contains("'CVE-2026-1' is not a CVE id").doesNotContain("lab ready");
        assertThat(bedrock.exitCode()).isEqualTo(1);
        assertThat(bedrock.stderr()).contains("a simulated campaign plans with --advisor rules");
    }
}
