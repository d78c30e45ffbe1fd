package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.cli.simulate.RingLab;
import io.patchctl.cli.simulate.SimulatedHost;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.rollout.RingApproval;
import io.patchctl.core.rollout.RingRecords;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchctl simulate --rings dev,staging,prod}: six lab hosts through real dnf in three ring
 * blocks of two, promoted between rings by the core {@code Promotion} on a simulated clock, the later
 * rings offered a newer openssl-libs (RHSA-2026:1101) that no ring proved.
 */
class SimulateRingsTest {

    static final String NEWER = RingLab.NEWER.nevra();
    static SimulateCommandTest.Run rings;
    static DirectoryReportStore store;
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    @BeforeAll
    static void threeRings() {
        rings = SimulateCommandTest.simulate(shared.resolve("rings"), "--hosts", "6", "--concurrency", "2",
                "--rings", "dev,staging,prod", "--soak-days", "2");
        store = new DirectoryReportStore(rings.out());
        System.out.print(rings.stdout()); // the per-ring table, for the record
    }

    @Test
    void sixHosts_threeContiguousRingBlocks_eachHostsRingInTheFleetReport() throws Exception {
        // host 5's repository is unreachable (the lab's built-in failure): exit 4, as without rings
        assertThat(rings.exitCode()).as(rings.stderr() + rings.stdout()).isEqualTo(4);
        JsonNode hosts = rings.fleetJson().get("hosts");
        List<String> ringOfHost = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertThat(hosts.get(i).get("instance_id").asText()).isEqualTo(SimulatedHost.of(i).instanceId());
            ringOfHost.add(hosts.get(i).path("ring").asText());
        }
        assertThat(ringOfHost).as(hosts.toString()).containsExactly("dev", "dev", "staging", "staging", "prod", "prod");
        for (int i = 0; i < 6; i++) {
            JsonNode run = runReport(i);
            assertThat(run.path("ring").asText()).as("RunReport of host %d: %s", i, run).isEqualTo(ringOfHost.get(i));
        }
        String html = Files.readString(rings.out().resolve("fleet-report.html"));
        assertThat(html).contains("<th data-sort=\"text\">Ring</th>").contains("id=\"filter-ring\"")
                .contains("data-ring=\"staging\"");
        assertThat(rings.stdout()).containsPattern("(?m)^dev +open +2 +2 +0 +0 +8 +0 +-$")
                .containsPattern("(?m)^staging +approval v1 of dev +2 .* dev -> staging: v1 written \\(5 build\\(s\\), 5 new\\)$")
                .containsPattern("(?m)^prod +approval v1 of staging +2 .* staging -> prod: v1 written \\(5 build\\(s\\), 5 new\\)$");
    }

    @Test
    void gatedRings_installExactlyTheBuildsThePreviousRingProved_neverTheNewerOne() throws Exception {
        RingRecords records = new RingRecords(store);
        RingApproval staging = records.latestApproval("staging").orElseThrow();
        RingApproval prod = records.latestApproval("prod").orElseThrow();
        assertThat(records.latestApproval("dev")).as("the first ring is never promoted to").isEmpty();
        assertThat(staging.version()).isEqualTo(1);
        assertThat(staging.from()).isEqualTo("dev");
        assertThat(prod.version()).isEqualTo(1);
        assertThat(prod.from()).isEqualTo("staging");
        assertThat(staging.soakDays()).isEqualTo(2);

        Set<String> devInstalled = installedBy(0, 1);
        assertThat(devInstalled).contains("openssl-libs-1:1.1.1k-12.el8.x86_64").doesNotContain(NEWER);
        assertThat(builds(staging)).isEqualTo(devInstalled);
        Set<String> stagingInstalled = installedBy(2, 3);
        assertThat(builds(staging)).containsAll(stagingInstalled);
        assertThat(builds(prod)).isEqualTo(stagingInstalled);
        Set<String> prodInstalled = installedBy(4);
        assertThat(builds(prod)).containsAll(prodInstalled);
        assertThat(prodInstalled).isNotEmpty();

        for (int i : new int[] {2, 3, 4}) {
            JsonNode run = runReport(i);
            assertThat(run.at("/discovered").toString()).as("host %d is offered the newer build", i)
                    .contains(RingLab.NEWER_ADVISORY);
            assertThat(run.at("/apply/installed").toString()).doesNotContain(NEWER);
            assertThat(run.at("/notes").toString()).contains(NEWER + " (" + RingLab.NEWER_ADVISORY + ") held: not proven by ring");
        }
        // dev ran on the first day, staging 2 simulated days later, prod 4: the soak is measured on that clock
        Instant dev = Instant.parse(runReport(0).get("timestamp").asText());
        Instant stagingAt = Instant.parse(runReport(2).get("timestamp").asText());
        Instant prodAt = Instant.parse(runReport(4).get("timestamp").asText());
        assertThat(Duration.between(dev, stagingAt)).isGreaterThanOrEqualTo(Duration.ofDays(2)).isLessThan(Duration.ofDays(3));
        assertThat(Duration.between(dev, prodAt)).isGreaterThanOrEqualTo(Duration.ofDays(4)).isLessThan(Duration.ofDays(5));
        assertThat(store.list(ReportKeys.ringSuccessPrefix("dev"))).hasSize(2);
    }

    @Test
    void reportBucket_ringRecordsAndApprovalInTheBucket_andReportReadsTheRingsBack() throws Exception {
        String bucket = "dev-rhel8-patch-logs-123456789012";
        try (io.patchctl.aws.S3ProxyServer s3 = io.patchctl.aws.S3ProxyServer.start()) {
            s3.createBucket(bucket);
            SimulateCommandTest.Run run = SimulateCommandTest.simulate("--out", tmp.resolve("s3"),
                    java.util.Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()),
                    "--hosts", "4", "--concurrency", "2", "--rings", "dev,prod", "--soak-days", "0", "--report-bucket", bucket);

            // dev: all-pending + web; prod: broken-scriptlet (its failing update never proven: held, not failed) + minimal
            assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
            List<String> keys = new ArrayList<>();
            try (software.amazon.awssdk.services.s3.S3Client client = s3.client()) {
                client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
            }
            assertThat(keys).filteredOn(k -> k.startsWith("bedrock-patch-runs/dev/")).hasSize(4);
            assertThat(keys).filteredOn(k -> k.startsWith(ReportKeys.ringSuccessPrefix("dev"))).hasSize(2);
            assertThat(keys).contains(ReportKeys.ringApproval("prod", 1));
            assertThat(Files.exists(run.out().resolve("bedrock-patch-rings"))).as("nothing stored locally").isFalse();
            assertThat(run.fleetJson().at("/hosts/2/held").toString()).contains("tzdata-broken")
                    .contains("ring prod: ring dev has not proven any build of tzdata-broken (approval v1)");

            java.io.StringWriter err = new java.io.StringWriter();
            var report = io.patchctl.agent.PatchctlCommandLine.commandLine(new PatchctlCommand());
            report.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
            report.setErr(new java.io.PrintWriter(err, true));
            Path again = tmp.resolve("again");
            int code = report.execute("report", "--from", "s3://" + bucket, "--s3-endpoint", s3.endpoint().toString(),
                    "--out", again.toString());
            assertThat(code).as(err.toString()).isZero();
            JsonNode fromStore = Json.mapper().readTree(again.resolve("fleet-report.json").toFile());
            List<String> ringsRead = new ArrayList<>();
            fromStore.get("hosts").forEach(h -> ringsRead.add(h.path("ring").asText()));
            assertThat(ringsRead).containsExactly("dev", "dev", "prod", "prod");
        }
    }

    @Test
    void badRingOptions_exit1WithAClearMessageAndRunNothing() {
        assertBad("one", "--rings needs at least two rings in order", "--rings", "dev");
        assertBad("dup", "--rings names ring 'dev' twice", "--rings", "dev,staging,dev");
        assertBad("name", "--rings: ring name 'st/aging'", "--rings", "dev,st/aging");
        assertBad("empty", "--rings: ring name ''", "--rings", "dev,,prod");
        assertBad("soak", "--soak-days must be 0..365, was 400", "--rings", "dev,prod", "--soak-days", "400");
        assertBad("negative", "--soak-days must be 0..365, was -1", "--rings", "dev,prod", "--soak-days", "-1");
        assertBad("no-rings", "--soak-days needs --rings", "--soak-days", "3");
        assertBad("few-hosts", "--hosts 2 cannot give each of 3 ring(s) a host", "--hosts", "2", "--rings", "dev,staging,prod");
        assertBad("campaign", "--rings cannot be combined with --cve/--advisory", "--rings", "dev,prod", "--cve", "CVE-2026-0001");
    }

    @Test
    void aStoreOfAnotherRingOrder_orAnUnreadableApproval_exit1BeforeAnyHostRuns() throws Exception {
        Path dir = tmp.resolve("other-order");
        DirectoryReportStore other = new DirectoryReportStore(dir);
        other.put(ReportKeys.ringApproval("prod", 1), Json.bytes(new RingApproval(RingApproval.SCHEMA, "prod", "staging", 1,
                Instant.parse("2026-11-20T00:00:00Z"), "ops", 2, List.of(), java.util.Map.of(), List.of())));
        SimulateCommandTest.Run run = SimulateCommandTest.simulate("--report-dir", dir, java.util.Map.of(), "--hosts", "2",
                "--rings", "dev,prod");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).contains("--rings: ring prod's approval v1 in " + other.describe()
                + " was promoted from ring staging, not from dev");
        assertThat(other.list("bedrock-patch-runs/")).as("no host ran").isEmpty();

        other.put(ReportKeys.ringApproval("prod", 2), "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SimulateCommandTest.Run unreadable = SimulateCommandTest.simulate("--report-dir", dir, java.util.Map.of(), "--hosts", "2",
                "--rings", "staging,prod");
        assertThat(unreadable.exitCode()).as(unreadable.stderr()).isEqualTo(1);
        assertThat(unreadable.stderr()).contains("--rings: ring prod: approval").contains("is unreadable");
        assertThat(other.list("bedrock-patch-runs/")).isEmpty();
    }

    private void assertBad(String dir, String message, String... args) {
        SimulateCommandTest.Run run = SimulateCommandTest.simulate(tmp.resolve(dir), args);
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).contains(message);
        assertThat(tmp.resolve(dir).resolve("fleet-report.html")).doesNotExist();
        assertThat(run.progress()).isEmpty();
    }

    private static Set<String> installedBy(int... hosts) throws Exception {
        Set<String> installed = new HashSet<>();
        for (int i : hosts) {
            runReport(i).at("/apply/installed").forEach(n -> installed.add(n.asText()));
        }
        return installed;
    }

    private static Set<String> builds(RingApproval approval) {
        Set<String> builds = new HashSet<>();
        approval.packages().forEach(p -> builds.add(p.pkg().build()));
        return builds;
    }

    private static JsonNode runReport(int host) throws Exception {
        String id = SimulatedHost.of(host).instanceId();
        List<String> keys = store.list("bedrock-patch-runs/dev/" + id + "/");
        return Json.mapper().readTree(store.get(keys.get(keys.size() - 1)).orElseThrow());
    }
}
