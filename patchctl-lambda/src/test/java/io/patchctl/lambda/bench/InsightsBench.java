package io.patchctl.lambda.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.ReportStore;
import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.lambda.InsightsHandler;
import io.patchctl.aws.insights.InsightsRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not part of the default test run (surefire excludes *Bench): run it with
 * {@code bench/insights-bench.sh}. Cold start = a new JVM running the shaded Lambda jar's handler on
 * one event until its report is stored, with S3 (S3Proxy) and Bedrock (WireMock, instant answer) on
 * loopback. Warm = per-event time of an initialised handler, the model's own latency excluded (the
 * stand-in answers at once). It asserts every run stored its report, so it cannot report a figure for
 * a run that failed.
 */
class InsightsBench {

    static final String CMD = "e8d3c0e4-71f7-4491-898f-c9b35bee5f3b";

    @TempDir
    Path tmp;

    @Test
    void coldStart_warmPerEvent_jarSize() throws Exception {
        Path jar = Path.of("target/patchctl-insights.jar").toAbsolutePath();
        assertThat(jar).as("build the Lambda jar first: ./mvnw -o -pl patchctl-lambda -am package -DskipTests").exists();
        int runs = Integer.getInteger("bench.runs", 5);
        int warmEvents = Integer.getInteger("bench.events", 100);
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            WireMockServer bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            bedrock.start();
            try {
                stubBedrock(bedrock);
                s3.createBucket("bench-logs");
                Map<String, String> env = new HashMap<>();
                env.put("LOG_BUCKET", "bench-logs");
                env.put("ENVIRONMENT", "bench");
                env.put("REGION", "us-east-2");
                // As deployed (Terraform enables escalation): the SNS client is configured, this event does not escalate.
                env.put("ESCALATION_TOPIC_ARN", "arn:aws:sns:us-east-2:123456789012:bench-escalations");
                env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
                env.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", bedrock.baseUrl());
                env.put("AWS_ENDPOINT_URL_SSM", bedrock.baseUrl());
                env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
                env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
                ReportStore store = S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2", env), "bench-logs");

                StringBuilder table = new StringBuilder();
                table.append(String.format("jar: %s, %.1f MB%n", jar.getFileName(), Files.size(jar) / 1e6));
                Path cds = tmp.resolve("insights.jsa");
                // The archive is made by one real invocation (classes of init, S3, Bedrock, analysis, store).
                coldRun(jar, env, store, List.of("-XX:ArchiveClassesAtExit=" + cds), "on-demand", 999);
                String c1 = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
                // {name, JVM options, AWS_LAMBDA_INITIALIZATION_TYPE}: with snap-start, init also primes (Primer), and
                // the first event stands for the first event after a SnapStart restore.
                String[][] variants = {
                    {"default JVM", "", "on-demand"},
                    {"C1 only + SerialGC (Terraform's JAVA_TOOL_OPTIONS)", c1, "on-demand"},
                    {"C1 + SerialGC, SnapStart priming in init", c1, "snap-start"},
                    {"AppCDS archive", "-XX:SharedArchiveFile=" + cds, "on-demand"},
                    {"AppCDS + C1 + SerialGC", "-XX:SharedArchiveFile=" + cds + " " + c1, "on-demand"},
                };
                int n = 0;
                for (String[] v : variants) {
                    List<Long> millis = new ArrayList<>();
                    phases.clear();
                    for (int i = 0; i < runs; i++) {
                        millis.add(coldRun(jar, env, store, v[1].isEmpty() ? List.of() : List.of(v[1].split(" ")), v[2], ++n));
                    }
                    table.append(String.format("cold start, %-48s median %5d ms  (min %d, max %d, %d runs; "
                                    + "median handler init %d ms, first event %d ms, JVM start/exit and process the rest)%n", v[0] + ":",
                            median(millis), millis.stream().min(Long::compare).orElseThrow(),
                            millis.stream().max(Long::compare).orElseThrow(), runs, median(phase(0)), median(phase(1))));
                    // Written as it goes: a later failure (a loopback stand-in under load) keeps the figures so far.
                    Files.writeString(Path.of("target/insights-bench.txt"), table.toString());
                }
                warm(env, store, warmEvents, table);
                table.append(String.format("load average during the run: %s%n", Files.readString(Path.of("/proc/loadavg")).strip()));
                System.out.println("\n=== insights benchmark ===\n" + table);
                Files.writeString(Path.of("target/insights-bench.txt"), table.toString());
            } finally {
                bedrock.stop();
            }
        }
    }

    private final List<long[]> phases = new ArrayList<>();

    private List<Long> phase(int index) {
        return phases.stream().map(p -> p[index]).toList();
    }

    /** One new JVM: handler init from the environment, one event, report stored. Returns wall milliseconds. */
    private long coldRun(Path jar, Map<String, String> env, ReportStore store, List<String> jvmArgs, String initType, int n)
            throws Exception {
        String instance = String.format("i-%017x", 0xc01d000L + n);
        store.put("bedrock-patch/bench/" + CMD + "/" + instance + "/awsrunShellScript/0.awsrunShellScript/stderr",
                ("Error: Failed to download metadata for repo 'rhel-8-cold-" + n + "': Cannot download repomd.xml\n")
                        .getBytes(StandardCharsets.UTF_8));
        Path event = tmp.resolve("event-" + n + ".json");
        Files.writeString(event, event("cold-" + n, instance));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", jar.toString(), "io.patchctl.lambda.LocalInvoke", event.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", initType);
        long start = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(code).as(output).isZero();
        assertThat(output).contains("\"status\":\"STORED\"");
        assertThat(store.list("bedrock-patch-insights/bench/" + instance + "/")).hasSize(1);
        var m = java.util.regex.Pattern.compile("init_ms=(\\d+) handle_ms=(\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        phases.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        return millis;
    }

    private void warm(Map<String, String> env, ReportStore store, int events, StringBuilder table) throws Exception {
        InsightsConfig config = InsightsConfig.fromEnvironment(env);
        InsightsHandler handler = new InsightsHandler(InsightsRuntime.create(config, env, Clock.systemUTC()));
        for (String mode : List.of("distinct errors (one model call each)", "same error (analysis cache hit)")) {
            boolean same = mode.startsWith("same");
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < events + 20; i++) {
                String instance = String.format("i-%017x", (same ? 0xbbb00000L : 0xaaa00000L) + i);
                String repo = same ? "rhel-8-shared" : "rhel-8-warm-" + i;
                store.put("bedrock-patch/bench/" + CMD + "/" + instance + "/awsrunShellScript/0.awsrunShellScript/stderr",
                        ("Error: Failed to download metadata for repo '" + repo + "': Cannot download repomd.xml\n")
                                .getBytes(StandardCharsets.UTF_8));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long start = System.nanoTime();
                handler.handleRequest(new ByteArrayInputStream(event((same ? "s-" : "w-") + i, instance).getBytes(StandardCharsets.UTF_8)),
                        out, null);
                long us = (System.nanoTime() - start) / 1000;
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"status\":\"STORED\"");
                if (i >= 20) {
                    micros.add(us);
                }
            }
            micros.sort(null);
            table.append(String.format("warm per event, %-40s median %6.1f ms, p90 %6.1f ms (%d events after 20 warm-up)%n",
                    mode + ":", median(micros) / 1000.0, micros.get((int) (micros.size() * 0.9)) / 1000.0, events));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String event(String id, String instance) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"EC2 Command Invocation Status-change Notification\","
                + "\"source\":\"aws.ssm\",\"time\":\"2026-11-21T02:14:02Z\",\"region\":\"us-east-2\",\"detail\":{\"command-id\":\""
                + CMD + "\",\"instance-id\":\"" + instance + "\",\"document-name\":\"bench\",\"status\":\"Failed\"}}";
    }

    private static void stubBedrock(WireMockServer bedrock) {
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.putArray("content").addObject().put("type", "text").put("text", "{\"root_cause\":\"mirror down\",\"severity\":\"HIGH\","
                + "\"immediate_actions\":[\"check the mirror\"],\"dnf_commands\":[\"dnf makecache --refresh\"],\"aws_cli_commands\":[],"
                + "\"preventive_measures\":[\"local mirror\"],\"escalate\":false,\"summary\":\"mirror down\"}");
        reply.put("stop_reason", "end_turn");
        reply.putObject("usage").put("input_tokens", 900).put("output_tokens", 150);
        bedrock.stubFor(post(urlPathEqualTo("/model/us.anthropic.claude-sonnet-4-6/invoke"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(reply.toString())));
    }
}
