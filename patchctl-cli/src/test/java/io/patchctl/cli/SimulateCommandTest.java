package io.patchctl.cli;

import io.patchctl.agent.PatchctlCommandLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.cli.fleetreport.HeadlessChromium;
import io.patchctl.cli.simulate.HostProfile;
import io.patchctl.cli.simulate.SimulatedHost;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.DirectoryReportStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code patchctl simulate} end to end: real dnf in lab installroots, the real agent workflow and
 * insights service, real stores (a directory, S3Proxy), the page in real Chromium.
 */
class SimulateCommandTest {

    /** One 6-host cycle shared by the assertions below (a cycle costs real dnf time). */
    static Run six;
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    record Run(int exitCode, String stdout, String stderr, String progress, Path out) {
        JsonNode fleetJson() throws Exception {
            return Json.mapper().readTree(out.resolve("fleet-report.json").toFile());
        }
    }

    static Run simulate(Path out, String... args) {
        return simulate("--out", out, java.util.Map.of(), args);
    }

    /** With {@code outOption} (--out, or --report-dir: the same directory) naming {@code out}, and this environment. */
    static Run simulate(String outOption, Path out, java.util.Map<String, String> env, String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SimulateCommand command = new SimulateCommand(new DefaultSimulationWiring(),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        command.env = env;
        var cli = PatchctlCommandLine.commandLine(command);
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        List<String> argv = new ArrayList<>(List.of(outOption, out.toString(), "--progress", "plain"));
        argv.addAll(List.of(args));
        int code = cli.execute(argv.toArray(new String[0]));
        return new Run(code, stdout.toString(), stderr.toString(), progress.toString(StandardCharsets.UTF_8), out);
    }

    @BeforeAll
    static void sixHostCycle() {
        six = simulate(shared.resolve("six"), "--hosts", "6", "--concurrency", "3");
    }

    @Test
    void sixHosts_statusesAreWhatTheLabWasBuiltToProduce_andExitCodeSaysFailed() throws Exception {
        assertThat(six.exitCode()).as(six.stderr()).isEqualTo(4);
        JsonNode hosts = six.fleetJson().get("hosts");
        assertThat(hosts).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(hosts.get(i).get("instance_id").asText()).isEqualTo(SimulatedHost.of(i).instanceId());
            assertThat(hosts.get(i).get("outcome").asText()).as("host %d (%s)", i, HostProfile.forIndex(i))
                    .isEqualTo(HostProfile.forIndex(i).expected().name());
        }
        // the scriptlet host's other packages were still upgraded (dnf applies the rest), the unreachable one changed nothing
        assertThat(hosts.get(2).get("error").asText()).contains("scriptlet failed");
        assertThat(hosts.get(5).get("error").asText()).contains("Failed to download metadata for repo 'updates'");
        assertThat(hosts.get(0).get("installed")).hasSize(5);
        assertThat(six.stdout()).contains("6 hosts: 4 compliant, 0 non-compliant, 2 failed, 0 not started")
                .contains("Fleet report: " + six.out().resolve("fleet-report.html").toAbsolutePath());
        assertThat(six.fleetJson().at("/cycle/distinct_update_sets").asInt()).isEqualTo(4);
    }

    @Test
    void sixHosts_mixedDistributions_eachReportAndTheFleetReportNameTheHostsDistro() throws Exception {
        JsonNode hosts = six.fleetJson().get("hosts");
        DirectoryReportStore store = new DirectoryReportStore(six.out());
        for (int i = 0; i < 6; i++) {
            io.patchctl.lab.LabDistro distro = HostProfile.forIndex(i).distro();
            assertThat(hosts.get(i).get("distro").asText()).as("host %d", i).isEqualTo(distro.displayName());
            String id = SimulatedHost.of(i).instanceId();
            JsonNode run = Json.mapper().readTree(store.get(store.list("bedrock-patch-runs/dev/" + id + "/").get(0)).orElseThrow());
            assertThat(run.at("/distro/id").asText()).isEqualTo(distro.id());
        }
        assertThat(six.stdout()).contains("Red Hat Enterprise Linux 8.10").contains("Rocky Linux 9.3").contains("AlmaLinux 8.10")
                .contains("Amazon Linux 2023");
        assertThat(java.util.Arrays.stream(HostProfile.values()).map(HostProfile::distro).distinct())
                .as("8 hosts (every profile) cover every distribution").hasSize(HostProfile.FLEET_DISTROS.size());
    }

    @Test
    void sixHosts_everyFailureHasAnInsightReport_andReportsAreInTheLayout() throws Exception {
        DirectoryReportStore store = new DirectoryReportStore(six.out());
        String commandId = six.fleetJson().at("/cycle/command_id").asText();
        for (int i = 0; i < 6; i++) {
            String id = SimulatedHost.of(i).instanceId();
            assertThat(store.list("bedrock-patch-runs/dev/" + id + "/")).singleElement().asString()
                    .matches("bedrock-patch-runs/dev/" + id + "/\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.json");
            assertThat(store.list("bedrock-patch/dev/" + commandId + "/" + id + "/"))
                    .contains("bedrock-patch/dev/" + commandId + "/" + id + "/awsrunShellScript/0.awsrunShellScript/stdout");
            boolean failed = HostProfile.forIndex(i).expected().name().equals("FAILED");
            List<String> insights = store.list("bedrock-patch-insights/dev/" + id + "/");
            assertThat(insights).as("insight reports of %s", id).hasSize(failed ? 1 : 0);
            if (failed) {
                assertThat(insights.get(0)).matches("bedrock-patch-insights/dev/" + id + "/\\d{8}T\\d{6}Z\\.json");
                JsonNode insight = Json.mapper().readTree(store.get(insights.get(0)).orElseThrow());
                assertThat(insight.get("instance_id").asText()).isEqualTo(id);
                assertThat(insight.at("/analysis/root_cause").asText()).isNotBlank();
                assertThat(insight.get("analysis_source").asText()).isEqualTo("rules");
                JsonNode event = Json.mapper().readTree(six.out().resolve("events/failure-" + id + ".json").toFile());
                assertThat(event.get("detail-type").asText()).isEqualTo("EC2 Command Invocation Status-change Notification");
                assertThat(event.at("/detail/command-id").asText()).isEqualTo(commandId);
            }
        }
        JsonNode hosts = six.fleetJson().get("hosts");
        assertThat(hosts.get(2).at("/insight/root_cause").asText()).containsIgnoringCase("scriptlet");
        assertThat(hosts.get(5).at("/insight/root_cause").asText()).containsIgnoringCase("metadata");
    }

    @Test
    void sixHosts_neverMoreThanConcurrencyAtOnce_byTheirTimestamps() throws Exception {
        List<long[]> edges = new ArrayList<>();
        for (JsonNode h : six.fleetJson().get("hosts")) {
            edges.add(new long[] {micros(h.get("started_at").asText()), 1});
            edges.add(new long[] {micros(h.get("finished_at").asText()), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int max = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            max = Math.max(max, now);
        }
        assertThat(max).isEqualTo(3);
        assertThat(six.progress()).contains("[1/6] started").contains("[6/6] done");
    }

    @Test
    void sixHosts_pageInChromiumShowsCountsAndAnalyses() throws Exception {
        Path artefacts = Files.createDirectories(Path.of("target", "fleet-report-artefacts").toAbsolutePath());
        Path html = artefacts.resolve("simulate-6-hosts.html");
        Files.copy(six.out().resolve("fleet-report.html"), html, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        HeadlessChromium chromium = new HeadlessChromium(Files.createDirectories(Path.of("target", "chromium-tmp")
                .toAbsolutePath()));

        String dom = chromium.dumpDom(html);
        chromium.screenshot(html, artefacts.resolve("simulate-6-hosts.png"), 1280, 2400);
        chromium.screenshot(html, artefacts.resolve("simulate-6-hosts-phone.png"), 412, 3000);

        assertThat(tile(dom, "outcome-COMPLIANT")).isEqualTo(4);
        assertThat(tile(dom, "outcome-FAILED")).isEqualTo(2);
        assertThat(tile(dom, "insights")).isEqualTo(2);
        JsonNode hosts = six.fleetJson().get("hosts");
        for (int i : new int[] {2, 5}) {
            String rootCause = hosts.get(i).at("/insight/root_cause").asText();
            assertThat(dom).contains(escapeText(rootCause));
        }
        assertThat(dom).contains("id=\"chart-timeline\"");
    }

    @Test
    void maxErrorsZero_stopsLaunchingAfterTheFirstFailureAsSsmDoes() throws Exception {
        // --report-dir alone: the reports and the fleet report both go there, as with --out alone
        Run run = simulate("--report-dir", tmp.resolve("maxerr"), java.util.Map.of(),
                "--hosts", "4", "--concurrency", "1", "--max-errors", "0");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(4);
        JsonNode json = run.fleetJson();
        assertThat(json.get("hosts")).extracting(h -> h.get("outcome").asText())
                .containsExactly("COMPLIANT", "COMPLIANT", "FAILED", "NOT_STARTED");
        assertThat(json.at("/cycle/stopped_early").asBoolean()).isTrue();
        assertThat(json.at("/hosts/3/started_at").isNull()).isTrue();
        DirectoryReportStore store = new DirectoryReportStore(run.out());
        assertThat(store.list("bedrock-patch-runs/dev/" + SimulatedHost.of(3).instanceId() + "/")).isEmpty();
        assertThat(run.progress()).contains("max errors exceeded (1 failed): 1 host(s) not started");
        assertThat(run.stdout()).containsPattern(SimulatedHost.of(3).instanceId() + "\\s+-\\s+NOT_STARTED");
    }

    @Test
    void reportBucket_storesEveryReportInTheBucket_andReportReadsThemBack() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("dev-rhel8-patch-logs-123456789012");
            Run run = simulate("--out", tmp.resolve("s3"), java.util.Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()),
                    "--hosts", "3", "--concurrency", "3", "--report-bucket", "dev-rhel8-patch-logs-123456789012");

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(4);
            List<String> keys = new ArrayList<>();
            try (S3Client client = s3.client()) {
                client.listObjectsV2Paginator(b -> b.bucket("dev-rhel8-patch-logs-123456789012")).contents()
                        .forEach((S3Object o) -> keys.add(o.key()));
            }
            assertThat(keys).filteredOn(k -> k.startsWith("bedrock-patch-runs/dev/")).hasSize(3);
            assertThat(keys).filteredOn(k -> k.startsWith("bedrock-patch-insights/dev/" + SimulatedHost.of(2).instanceId() + "/"))
                    .hasSize(1);
            assertThat(Files.exists(run.out().resolve("bedrock-patch-runs"))).as("nothing stored locally").isFalse();
            assertThat(run.stdout()).contains("reports in s3://dev-rhel8-patch-logs-123456789012");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var report = PatchctlCommandLine.commandLine(new PatchctlCommand());
            report.setOut(new PrintWriter(out, true));
            report.setErr(new PrintWriter(err, true));
            Path again = tmp.resolve("again");
            // the deprecated spelling of report still reads what the new spelling of simulate stored
            int code = report.execute("report", "--from", "s3://dev-rhel8-patch-logs-123456789012",
                    "--s3-endpoint", s3.endpoint().toString(), "--out", again.toString());

            assertThat(code).as(err.toString()).isZero();
            JsonNode fromStore = Json.mapper().readTree(again.resolve("fleet-report.json").toFile());
            assertThat(fromStore.at("/summary/outcomes")).isEqualTo(run.fleetJson().at("/summary/outcomes"));
            assertThat(fromStore.at("/hosts/2/insight/root_cause")).isEqualTo(run.fleetJson().at("/hosts/2/insight/root_cause"));
        }
    }

    @Test
    void badOptions_exit1WithAClearMessageAndRunNothing() {
        Run zero = simulate(tmp.resolve("bad1"), "--hosts", "0");
        assertThat(zero.exitCode()).isEqualTo(1);
        assertThat(zero.stderr()).contains("patchctl: --hosts must be between 1 and 10000, was 0");

        Run endpointOnly = simulate(tmp.resolve("bad2"), "--s3-endpoint", "http://127.0.0.1:9");
        assertThat(endpointOnly.exitCode()).isEqualTo(1);
        assertThat(endpointOnly.stderr()).contains("--s3-endpoint needs --report-bucket");

        Run twoStores = simulate("--report-dir", tmp.resolve("bad5"), java.util.Map.of(), "--bucket", "b-1");
        assertThat(twoStores.exitCode()).isEqualTo(1);
        assertThat(twoStores.stderr()).contains("--bucket and --report-dir name two report stores; give one");

        Run concurrency = simulate(tmp.resolve("bad3"), "--concurrency", "lots");
        assertThat(concurrency.exitCode()).isEqualTo(1);
        assertThat(concurrency.stderr()).contains("--concurrency must be a whole number or a percentage like 25%, was 'lots'");

        Run advisor = simulate(tmp.resolve("bad4"), "--advisor", "oracle");
        assertThat(advisor.exitCode()).isEqualTo(1);
        assertThat(advisor.stderr()).contains("'oracle' is not an advisor (valid: bedrock, rules)");
        assertThat(tmp.resolve("bad4").resolve("fleet-report.html")).doesNotExist();

        StringWriter progressErr = new StringWriter();
        var cli = PatchctlCommandLine.commandLine(new PatchctlCommand());
        cli.setErr(new PrintWriter(progressErr, true));
        assertThat(cli.execute("simulate", "--out", tmp.resolve("bad6").toString(), "--progress", "fancy")).isEqualTo(1);
        assertThat(progressErr.toString()).contains("'fancy' is not a progress mode (valid: auto, bar, plain, none)");
    }

    @Test
    void unreachableBucket_exits5BeforeAnyHostRuns() {
        Run run = simulate("--out", tmp.resolve("down"), java.util.Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1"),
                "--report-bucket", "no-such-bucket");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(5);
        assertThat(run.stderr()).contains("patchctl: the report store is not usable:").doesNotContain("deprecated");
        assertThat(run.progress()).isEmpty();
    }

    @Test
    void unreachableBucket_deprecatedSpelling_stillReachesTheStore_exits5() {
        Run run = simulate(tmp.resolve("down-old"), "--bucket", "no-such-bucket", "--s3-endpoint", "http://127.0.0.1:1");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(5);
        assertThat(run.stderr()).contains("patchctl: warning: --bucket is deprecated; use --report-bucket")
                .contains("patchctl: warning: --s3-endpoint is deprecated; use the environment variable AWS_ENDPOINT_URL_S3")
                .contains("patchctl: the report store is not usable:");
        assertThat(run.progress()).isEmpty();
    }

    private static long micros(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    private static int tile(String dom, String id) {
        Matcher m = Pattern.compile("id=\"tile-" + id + "\"><span class=\"num\">(\\d+)</span>").matcher(dom);
        assertThat(m.find()).as("tile %s", id).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** How Chromium serialises text content: &, <, > escaped. */
    private static String escapeText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
