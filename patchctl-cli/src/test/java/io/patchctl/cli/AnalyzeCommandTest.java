package io.patchctl.cli;

import io.patchctl.agent.PatchctlCommandLine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.core.internal.json.Json;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code patchctl analyze}: exit codes, stdout/stderr, and the same service as the Lambda. */
class AnalyzeCommandTest {

    static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    static final String COMMAND = "e8d3c0e4-71f7-4491-898f-c9b35bee5f3b";
    static final String FAILED = """
            {"version":"0","id":"4780e1b8-f56b-4de5-95f2-95db5e0a1b2c","detail-type":"EC2 Command Invocation Status-change Notification",
             "source":"aws.ssm","time":"2026-11-21T02:14:02Z","region":"us-east-2",
             "detail":{"command-id":"%s","document-name":"dev-rhel8-bedrock-patch","instance-id":"%s","status":"Failed"}}
            """.formatted(COMMAND, INSTANCE);

    @TempDir
    Path tmp;

    record Run(int exitCode, String stdout, String stderr) {
    }

    static Run run(String stdin, Map<String, String> env, String... args) {
        CommandLine cl = PatchctlCommandLine.commandLine(new PatchctlCommand());
        AnalyzeCommand analyze = cl.getSubcommands().get("analyze").getCommand();
        analyze.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        analyze.env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "analyze";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cl.execute(full);
        return new Run(code, out.toString(), err.toString());
    }

    Path commandOutput(String stderr) throws Exception {
        Path file = tmp.resolve("reports/bedrock-patch/dev/" + COMMAND + "/" + INSTANCE + "/awsrunShellScript/0.awsrunShellScript/stderr");
        Files.createDirectories(file.getParent());
        Files.writeString(file, stderr);
        return file;
    }

    @Test
    void failureEvent_rules_printsAndStoresTheReportWithTheDnfError() throws Exception {
        commandOutput("Error: Failed to download metadata for repo 'rhel-8-for-x86_64-baseos-rpms': Cannot download repomd.xml\n");
        Path event = tmp.resolve("event.json");
        Files.writeString(event, FAILED);

        Run run = run("", Map.of(), "--event", event.toString(), "--advisor", "rules", "--report-dir", tmp.resolve("reports").toString());

        assertThat(run.exitCode()).isZero();
        JsonNode report = Json.mapper().readTree(run.stdout());
        assertThat(report.get("instance_id").asText()).isEqualTo(INSTANCE);
        assertThat(report.get("analysis").size()).isEqualTo(8);
        assertThat(report.get("analysis_source").asText()).isEqualTo("rules");
        assertThat(report.get("context").get("error_class").asText()).isEqualTo("METADATA_DOWNLOAD");
        assertThat(tmp.resolve("reports/bedrock-patch-insights/dev/" + INSTANCE + "/20261121T021402Z.json")).exists();
        assertThat(run.stderr()).contains("stored bedrock-patch-insights/dev/" + INSTANCE + "/20261121T021402Z.json");
    }

    @Test
    void sameEventAgain_printsTheExistingReport() throws Exception {
        String dir = tmp.resolve("reports").toString();
        Run first = run(FAILED, Map.of(), "--event", "-", "--advisor", "rules", "--report-dir", dir);
        Run second = run(FAILED, Map.of(), "--event", "-", "--advisor", "rules", "--report-dir", dir);

        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(second.stderr()).contains("duplicate bedrock-patch-insights/dev/");
    }

    /** Hostile or odd events: each is exit 2, one stderr line, the raw bytes kept under _rejected/, nothing on stdout. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "duplicate status: Failed then Success",
            "second concatenated event",
            "trailing garbage",
            "region with a shell command",
            "account not 12 digits",
            "time in year 9999",
            "time at the end of Instant's range",
            "time 500 days ago"})
    void hostileEvent_exitsTwo_oneStderrLine_keptUnderRejected(String attack) throws Exception {
        String event = switch (attack) {
            case "duplicate status: Failed then Success" -> FAILED.replace("\"status\":\"Failed\"", "\"status\":\"Failed\",\"status\":\"Success\"");
            case "second concatenated event" -> FAILED + FAILED.replace("Failed", "Success");
            case "trailing garbage" -> FAILED + "]}";
            case "region with a shell command" -> FAILED.replace("us-east-2", "us-east-2; rm -rf /");
            case "account not 12 digits" -> FAILED.replace("\"source\":\"aws.ssm\"", "\"source\":\"aws.ssm\",\"account\":\"$(id)\"");
            case "time in year 9999" -> FAILED.replace("2026-11-21T02:14:02Z", "9999-12-31T23:59:59Z");
            case "time at the end of Instant's range" -> FAILED.replace("2026-11-21T02:14:02Z", "+1000000000-12-31T23:59:59Z");
            case "time 500 days ago" -> FAILED.replace("2026-11-21T02:14:02Z", "2025-07-09T02:14:02Z");
            default -> throw new IllegalArgumentException(attack);
        };
        CommandLine cl = PatchctlCommandLine.commandLine(new PatchctlCommand());
        AnalyzeCommand analyze = cl.getSubcommands().get("analyze").getCommand();
        analyze.stdin = new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8));
        analyze.env = Map.of();
        analyze.clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-21T03:00:00Z"), java.time.ZoneOffset.UTC);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int code = cl.execute("analyze", "--event", "-", "--advisor", "rules", "--report-dir", tmp.toString());

        assertThat(code).as(attack + ": " + err).isEqualTo(2);
        assertThat(err.toString().lines().toList()).as(attack).singleElement()
                .satisfies(l -> assertThat(l).startsWith("patchctl: malformed event: ").contains("_rejected/"));
        assertThat(out.toString()).isEmpty();
        Path rejected = tmp.resolve("bedrock-patch-insights/dev/_rejected");
        try (var files = Files.list(rejected)) {
            assertThat(files.toList()).singleElement()
                    .satisfies(f -> assertThat(io.patchctl.core.internal.json.Json.mapper().readTree(f.toFile()).get("raw").asText())
                            .as("the raw event, byte for byte").isEqualTo(event));
        }
        assertThat(Files.exists(tmp.resolve("bedrock-patch-insights/dev/" + INSTANCE))).as("no report filed for the host").isFalse();
    }

    @Test
    void malformedEvent_exitsTwo_andKeepsTheRawEvent() throws Exception {
        Run run = run("{\"detail-type\":\"EC2 Command Invocation Status-change Notification\",\"detail\":[]}", Map.of(),
                "--event", "-", "--advisor", "rules", "--report-dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("patchctl: malformed event: event \"detail\" must be an object, was ARRAY")
                .contains("raw event kept at bedrock-patch-insights/dev/_rejected/");
        assertThat(run.stdout()).isEmpty();
        assertThat(Files.list(tmp.resolve("bedrock-patch-insights/dev/_rejected"))).hasSize(1);
    }

    @Test
    void unreadableFile_exitsTwo() {
        Run run = run("", Map.of(), "--event", tmp.resolve("missing.json").toString(), "--advisor", "rules");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("patchctl: cannot read event file '" + tmp.resolve("missing.json") + "'");
    }

    @Test
    void successEvent_isSkipped_exitZero() {
        Run run = run(FAILED.replace("\"Failed\"", "\"Success\""), Map.of(), "--event", "-", "--advisor", "rules");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("\"status\":\"SKIPPED\"");
        assertThat(run.stderr()).contains("not a patch failure, nothing to analyse: command status is Success");
    }

    @Test
    void badOptions_areUsageErrors() {
        assertThat(run("", Map.of(), "--event", "-", "--advisor", "gpt").stderr())
                .contains("'gpt' is not an advisor (valid: bedrock, rules)");
        assertThat(run("", Map.of(), "--event", "-", "--advisor", "gpt").exitCode()).isEqualTo(1);
        assertThat(run("", Map.of(), "--event", "-", "--signature-ttl", "6h").exitCode()).isEqualTo(1);
        assertThat(run("", Map.of(), "--event", "-", "--report-dir", "a", "--report-bucket", "b").exitCode()).isEqualTo(1);
    }

    @Test
    void storeOutage_exitsFive_nothingOnStdout() {
        Run run = run(FAILED, Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1"),
                "--event", "-", "--advisor", "rules", "--report-bucket", "dev-rhel8-patch-logs-123456789012");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(5);
        assertThat(run.stderr()).startsWith("patchctl: report store unavailable, nothing analysed: ")
                .doesNotContain("internal error").doesNotContain("\tat ");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void bucketAndBedrock_overHttp_modelAnalysisStoredInS3() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            WireMockServer bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            bedrock.start();
            try {
                s3.createBucket("dev-rhel8-patch-logs-123456789012");
                ObjectNode reply = Json.mapper().createObjectNode();
                reply.putArray("content").addObject().put("type", "text").put("text", "{\"root_cause\":\"BaseOS mirror down\","
                        + "\"severity\":\"HIGH\",\"immediate_actions\":[\"check mirror\"],\"dnf_commands\":[\"dnf makecache\"],"
                        + "\"aws_cli_commands\":[],\"preventive_measures\":[],\"escalate\":false,\"summary\":\"mirror down\"}");
                reply.put("stop_reason", "end_turn");
                reply.putObject("usage").put("input_tokens", 800).put("output_tokens", 120);
                bedrock.stubFor(post(urlPathEqualTo("/model/us.anthropic.claude-sonnet-4-6/invoke"))
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(reply.toString())));
                Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
                        "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", bedrock.baseUrl(), "AWS_ENDPOINT_URL_SSM", bedrock.baseUrl());

                Run run = run(FAILED, env, "--event", "-", "--report-bucket", "dev-rhel8-patch-logs-123456789012");

                assertThat(run.exitCode()).as(run.stderr()).isZero();
                JsonNode report = Json.mapper().readTree(run.stdout());
                assertThat(report.get("analysis_source").asText()).isEqualTo("bedrock");
                assertThat(report.get("analysis").get("root_cause").asText()).isEqualTo("BaseOS mirror down");
                bedrock.verify(1, postRequestedFor(urlPathEqualTo("/model/us.anthropic.claude-sonnet-4-6/invoke")));
                try (var client = s3.client()) {
                    assertThat(client.listObjectsV2(b -> b.bucket("dev-rhel8-patch-logs-123456789012")).contents())
                            .extracting(o -> o.key()).containsExactly("bedrock-patch-insights/dev/" + INSTANCE + "/20261121T021402Z.json");
                }
            } finally {
                bedrock.stop();
            }
        }
    }
}
