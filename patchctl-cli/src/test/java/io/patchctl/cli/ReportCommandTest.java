package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.agent.PatchctlCommandLine;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        return execute(Map.of(), args);
    }

    /** Through the shared command line, as bin/patchctl runs it, with this environment. */
    private int execute(Map<String, String> env, String... args) {
        ReportCommand command = new ReportCommand();
        command.env = env;
        CommandLine cli = PatchctlCommandLine.commandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static void seed(ReportStore store) {
        Instant t = Instant.parse("2026-11-26T14:30:05Z");
        store.put(ReportKeys.runReport("dev", "i-0aaa00000000000a1", t, "11111111"),
                Json.bytes(run("i-0aaa00000000000a1", "COMPLIANT", 0, null)));
        store.put(ReportKeys.runReport("dev", "i-0aaa00000000000a2", t, "22222222"),
                Json.bytes(run("i-0aaa00000000000a2", "FAILED", 4, "Error in PREIN scriptlet in rpm package tzdata-broken")));
        ObjectNode insight = Json.mapper().createObjectNode();
        insight.put("timestamp", "2026-11-26T14:30:09Z");
        insight.put("environment", "dev");
        insight.put("instance_id", "i-0aaa00000000000a2");
        insight.put("patch_status", "Failed");
        insight.putObject("analysis").put("root_cause", "RPM scriptlet failure in tzdata-broken").put("severity", "HIGH")
                .put("summary", "the %pre scriptlet exits 1").put("escalate", false);
        insight.put("analysis_source", "rules");
        store.put(ReportKeys.insightReport("dev", "i-0aaa00000000000a2", Instant.parse("2026-11-26T14:30:09Z"), null),
                Json.bytes(insight));
    }

    private static ObjectNode run(String id, String status, int exit, String error) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("schema", "patchctl.run-report/v1");
        r.put("timestamp", "2026-11-26T14:30:05Z");
        r.put("environment", "dev");
        r.put("instance_id", id);
        r.put("status", status);
        r.put("exit_code", exit);
        r.putObject("advisor").put("kind", "rules").put("plan_cache", "off");
        r.putObject("apply").putArray("installed").add("curl-7.61.1-34.el8.x86_64");
        r.put("error", error);
        return r;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--report-dir", "--from"})
    void report_fromDirectory_writesHtmlAndJsonAndPrintsTable(String spelling) throws Exception {
        Path reports = tmp.resolve("reports");
        seed(new DirectoryReportStore(reports));
        Path outDir = tmp.resolve("out");

        int code = execute(spelling, reports.toString(), "--out", outDir.toString());

        assertThat(code).as(err.toString()).isZero();
        if (spelling.equals("--from")) {
            assertThat(err.toString()).contains("patchctl: warning: --from is deprecated; use --report-dir DIR or --report-bucket NAME");
        } else {
            assertThat(err.toString()).doesNotContain("deprecated");
        }
        assertThat(out.toString()).containsPattern("i-0aaa00000000000a2\\s+-\\s+FAILED\\s+1\\s+0\\s+0\\s+Rules\\s+RPM scriptlet failure")
                .contains("Fleet report: " + outDir.resolve("fleet-report.html").toAbsolutePath());
        JsonNode json = Json.mapper().readTree(outDir.resolve("fleet-report.json").toFile());
        assertThat(json.at("/summary/outcomes/COMPLIANT").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/outcomes/FAILED").asInt()).isEqualTo(1);
        assertThat(Files.readString(outDir.resolve("fleet-report.html"))).contains("RPM scriptlet failure in tzdata-broken");
    }

    @Test
    void report_fromS3Prefix_readsThroughTheS3Api() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("fleet-reports");
            try (S3ReportStore store = ReportStores.s3("fleet-reports", s3.endpoint().toString(), "us-east-2", Map.of())) {
                seed(new io.patchctl.core.fleet.PrefixedReportStore(store, "team-a"));
            }
            Path outDir = tmp.resolve("s3out");

            int code = execute("--from", "s3://fleet-reports/team-a", "--s3-endpoint", s3.endpoint().toString(),
                    "--out", outDir.toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("2 hosts: 1 compliant, 0 non-compliant, 1 failed");
            assertThat(Files.readString(outDir.resolve("fleet-report.html"))).contains("s3://fleet-reports/team-a");
            assertThat(err.toString()).contains("--s3-endpoint is deprecated; use the environment variable AWS_ENDPOINT_URL_S3");
        }
    }

    @Test
    void report_fromBucketAndPrefix_endpointFromTheSdkEnvironment() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("fleet-reports");
            try (S3ReportStore store = ReportStores.s3("fleet-reports", s3.endpoint().toString(), "us-east-2", Map.of())) {
                seed(new io.patchctl.core.fleet.PrefixedReportStore(store, "team-a"));
            }
            Path outDir = tmp.resolve("s3new");

            int code = execute(Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()),
                    "--report-bucket", "fleet-reports", "--prefix", "team-a", "--out", outDir.toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("2 hosts: 1 compliant, 0 non-compliant, 1 failed");
            assertThat(err.toString()).doesNotContain("deprecated");
        }
    }

    @Test
    void report_twoStores_isUsageErrorOne() {
        assertThat(execute("--report-dir", tmp.toString(), "--report-bucket", "fleet-reports")).isEqualTo(1);
        assertThat(err.toString()).contains("mutually exclusive");
        assertThat(execute("--from", tmp.toString(), "--report-dir", tmp.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--from and --report-dir both name the reports");
        assertThat(execute("--out", tmp.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("give --report-dir DIR or --report-bucket NAME");
    }

    @Test
    void report_fromMissingDirectory_exits1NamingIt() {
        int code = execute("--from", tmp.resolve("nope").toString(), "--out", tmp.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("patchctl: --from '" + tmp.resolve("nope")
                + "' is not a directory (expected a report directory");
        assertThat(Files.exists(tmp.resolve("fleet-report.html"))).isFalse();
    }

    @Test
    void report_fromBadS3Url_exits1() {
        int code = execute("--from", "s3://Bad_Bucket/x", "--out", tmp.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--from 's3://Bad_Bucket/x' is not a valid S3 location");
    }

    @Test
    void report_whenS3IsDown_exits5WithReason_bothSpellings() {
        int code = execute(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1"), "--report-bucket", "fleet-reports",
                "--out", tmp.toString());

        assertThat(code).as(err.toString()).isEqualTo(5);
        assertThat(err.toString()).startsWith("patchctl: cannot read reports from s3://fleet-reports: ")
                .doesNotContain("internal error");

        err.getBuffer().setLength(0);
        int old = execute("--from", "s3://fleet-reports", "--s3-endpoint", "http://127.0.0.1:1", "--out", tmp.toString());

        assertThat(old).as(err.toString()).isEqualTo(5);
        assertThat(err.toString()).contains("patchctl: cannot read reports from s3://fleet-reports: ");
    }

    @Test
    void report_missingReportDir_exits1NamingIt() {
        int code = execute("--report-dir", tmp.resolve("nope").toString(), "--out", tmp.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("patchctl: --report-dir '" + tmp.resolve("nope") + "' is not a directory");
    }
}
