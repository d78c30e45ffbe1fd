package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.agent.PatchctlCommandLine;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.quarantine.QuarantineRecord;
import io.patchctl.core.quarantine.QuarantineStore;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code patchctl quarantine list|clear} through the shared command line, on a directory and on S3Proxy. */
class QuarantineCommandTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Through the root command, as bin/patchctl runs it, with this environment and clock. */
    private int execute(Map<String, String> env, String... args) {
        CommandLine cli = PatchctlCommandLine.commandLine(new PatchctlCommand());
        CommandLine quarantine = cli.getSubcommands().get("quarantine");
        QuarantineListCommand list = quarantine.getSubcommands().get("list").getCommand();
        list.env = env;
        list.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        QuarantineClearCommand clear = quarantine.getSubcommands().get("clear").getCommand();
        clear.env = env;
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int execute(String... args) {
        return execute(Map.of(), args);
    }

    static QuarantineRecord record(String pkg, String instance, Instant at, Duration ttl) {
        return new QuarantineRecord(null, "dev", pkg, "2026a-1.el8", pkg + "-2026a-1.el8.noarch", "SCRIPTLET", null,
                "Error in PREIN scriptlet in rpm package " + pkg, instance, "run-1", at, at.plus(ttl));
    }

    static void seed(ReportStore objects) {
        QuarantineStore store = new QuarantineStore(objects);
        store.record(record("tzdata-broken", "i-0aaa", NOW.minus(Duration.ofHours(1)), Duration.ofHours(24)), NOW);
        store.record(record("tzdata-broken", "i-0bbb", NOW.minus(Duration.ofHours(1)), Duration.ofHours(24)), NOW);
        store.record(record("curl", "i-0ccc", NOW.minus(Duration.ofHours(30)), Duration.ofHours(24)), NOW.minus(Duration.ofHours(30)));
    }

    private JsonNode stdoutJson() throws Exception {
        return Json.mapper().readTree(out.toString());
    }

    @Test
    void list_directoryStore_showsActiveWithItsHostsAndExpired() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reports"));
        seed(new DirectoryReportStore(dir));

        int code = execute("quarantine", "list", "--env", "dev", "--report-dir", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = stdoutJson();
        assertThat(json.at("/active/0/package_name").asText()).isEqualTo("tzdata-broken");
        assertThat(json.at("/active/0/failed_on")).extracting(JsonNode::asText).containsExactly("i-0aaa", "i-0bbb");
        assertThat(json.at("/active/0/reason").asText()).startsWith("quarantined: tzdata-broken-2026a-1.el8 failed on i-0aaa: scriptlet");
        assertThat(json.get("active")).hasSize(1);
        assertThat(json.at("/expired/0/package_name").asText()).isEqualTo("curl");
        assertThat(err.toString()).contains("1 active, 1 expired in dev");
    }

    @Test
    void clear_onePackageThenAll_deletesRecordsAndEvidence() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reports"));
        seed(new DirectoryReportStore(dir));

        assertThat(execute("quarantine", "clear", "--env", "dev", "--report-dir", dir.toString(), "--package",
                "tzdata-broken")).as(err.toString()).isZero();
        assertThat(stdoutJson().get("cleared")).extracting(JsonNode::asText).containsExactly("tzdata-broken");
        assertThat(dir.resolve("bedrock-patch-quarantine/dev/tzdata-broken.json")).doesNotExist();
        assertThat(dir.resolve("bedrock-patch-quarantine/dev/tzdata-broken/i-0bbb.json")).doesNotExist();
        assertThat(dir.resolve("bedrock-patch-quarantine/dev/curl.json")).exists();

        out.getBuffer().setLength(0);
        assertThat(execute("quarantine", "clear", "--env", "dev", "--report-dir", dir.toString(), "--package",
                "tzdata-broken")).isZero();
        assertThat(err.toString()).contains("nothing to clear in dev for package tzdata-broken");

        out.getBuffer().setLength(0);
        assertThat(execute("quarantine", "clear", "--env", "dev", "--report-dir", dir.toString(), "--all")).isZero();
        assertThat(stdoutJson().get("cleared")).extracting(JsonNode::asText).containsExactly("curl");
        assertThat(new DirectoryReportStore(dir).list("bedrock-patch-quarantine/")).isEmpty();
    }

    @Test
    void listAndClear_onS3_throughTheS3Api() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("patch-logs");
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
            try (S3ReportStore store = ReportStores.s3("patch-logs", s3.endpoint().toString(), "us-east-2", Map.of())) {
                seed(store);

                assertThat(execute(env, "quarantine", "list", "--env", "dev", "--report-bucket", "patch-logs"))
                        .as(err.toString()).isZero();
                assertThat(stdoutJson().at("/active/0/failed_on")).extracting(JsonNode::asText)
                        .containsExactly("i-0aaa", "i-0bbb");
                assertThat(stdoutJson().get("store").asText()).isEqualTo("s3://patch-logs");

                out.getBuffer().setLength(0);
                assertThat(execute(env, "quarantine", "clear", "--env", "dev", "--report-bucket", "patch-logs", "--all"))
                        .as(err.toString()).isZero();
                assertThat(store.list("bedrock-patch-quarantine/dev/")).isEmpty();
            }
        }
    }

    @Test
    void list_bucketThatDoesNotExist_isStoreUnavailableFive() {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            int code = execute(Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()), "quarantine", "list", "--env", "dev",
                    "--report-bucket", "no-such-bucket");

            assertThat(code).isEqualTo(5);
            assertThat(err.toString()).contains("cannot read the quarantine from s3://no-such-bucket");
        }
    }

    @Test
    void badOptions_areUsageErrorsOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reports"));

        assertThat(execute("quarantine", "clear", "--env", "dev", "--report-dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--package=NAME | --all");
        assertThat(execute("quarantine", "clear", "--env", "dev", "--report-dir", dir.toString(), "--all",
                "--package", "curl")).isEqualTo(1);
        assertThat(err.toString()).contains("mutually exclusive");
        assertThat(execute("quarantine", "clear", "--env", "dev", "--report-dir", dir.toString(), "--package",
                "../etc")).isEqualTo(1);
        assertThat(err.toString()).contains("--package '../etc'");
        assertThat(execute("quarantine", "list", "--report-dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Missing required option: '--env=ENV'");
        assertThat(execute("quarantine", "list", "--env", "a/b", "--report-dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--env: not a safe report key segment");
        assertThat(execute("quarantine", "list", "--env", "dev")).isEqualTo(1);
        assertThat(err.toString()).contains("give --report-dir DIR or --report-bucket NAME");
        assertThat(execute("quarantine", "list", "--env", "dev", "--report-dir", tmp.resolve("nope").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a directory");
        assertThat(execute("quarantine")).isEqualTo(1);
        assertThat(err.toString()).contains("a subcommand is required (list, clear)");
    }
}
