package io.patchctl.cli;

import io.patchctl.agent.PatchctlCommandLine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.core.internal.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The simulate benchmark (run by bench/simulate.sh): wall time and hosts per minute of 8- and
 * 50-host cycles with the rules advisor, then Bedrock calls per cycle against distinct update sets
 * with a counting Bedrock stand-in (WireMock on 127.0.0.1). Prints figures; asserts nothing.
 */
public final class SimulateBenchmark {

    /** The exceptions-only plan (plan-prompt/v3): hold the kernels, install every other reported update. */
    private static final String PLAN = "{\"install_all_other_reported\":true,"
            + "\"hold\":[{\"package\":\"kernel*\",\"reason\":\"needs a reboot window\"}],\"risk\":\"LOW\","
            + "\"reasoning\":\"security fixes for exposed libraries\"}";
    private static final String ANALYSIS = "{\"root_cause\":\"stand-in analysis\",\"severity\":\"HIGH\","
            + "\"immediate_actions\":[\"look at the dnf error\"],\"dnf_commands\":[\"dnf history info last\"],"
            + "\"aws_cli_commands\":[],\"preventive_measures\":[\"stage updates\"],\"escalate\":false,"
            + "\"summary\":\"stand-in\"}";

    private SimulateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PatchctlCommandLine.configureLogging(false);
        Path work = Files.createTempDirectory("patchctl-simulate-bench-");
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {8, 50};
        System.out.println("# simulate benchmark (machine shared with other engineers: figures taken under load)");
        System.out.printf(Locale.ROOT, "# %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip());
        // warm the lab cache and host templates so the figures are cycles, not the one-off lab build
        cycle(work.resolve("warm"), 8, "rules");

        System.out.println("advisor  hosts  concurrency  wall_s  cycle_s  hosts_per_min  compliant  failed  update_sets");
        for (int n : sizes) {
            Result r = cycle(work.resolve("rules-" + n), n, "rules");
            System.out.printf(Locale.ROOT, "rules    %5d  %11s  %6.1f  %7.1f  %13.1f  %9d  %6d  %11d%n", n, "4", r.wallSeconds,
                    r.json.at("/cycle/wall_millis").asLong() / 1000.0, r.json.at("/cycle/hosts_per_minute").asDouble(),
                    r.json.at("/summary/outcomes/COMPLIANT").asInt(), r.json.at("/summary/outcomes/FAILED").asInt(),
                    r.json.at("/cycle/distinct_update_sets").asInt());
        }

        WireMockServer bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));
        bedrock.start();
        try {
            bedrock.stubFor(post(urlPathMatching("/model/.+/invoke")).atPriority(5).willReturn(ok(PLAN)));
            bedrock.stubFor(post(urlPathMatching("/model/.+/invoke")).atPriority(1)
                    .withRequestBody(containing("root_cause")).willReturn(ok(ANALYSIS)));
            System.setProperty("aws.endpointUrlBedrockRuntime", bedrock.baseUrl());
            System.setProperty("aws.accessKeyId", "AKIDBENCHSTANDIN");
            System.setProperty("aws.secretAccessKey", "bench-secret");
            System.out.println();
            System.out.println("advisor  hosts  store    plan_calls  analysis_calls  distinct_update_sets  failures  wall_s");
            for (int n : sizes) {
                Path out = work.resolve("bedrock-" + n);
                for (String store : new String[] {"empty", "warm"}) {
                    bedrock.resetRequests();
                    Result r = cycle(out, n, "bedrock");
                    long analysis = bedrock.findAll(postRequestedFor(urlPathMatching("/model/.+/invoke"))
                            .withRequestBody(containing("root_cause"))).size();
                    long all = bedrock.findAll(postRequestedFor(urlPathMatching("/model/.+/invoke"))).size();
                    System.out.printf(Locale.ROOT, "bedrock  %5d  %-7s  %10d  %14d  %20d  %8d  %6.1f%n", n, store, all - analysis,
                            analysis, r.json.at("/cycle/distinct_update_sets").asInt(),
                            r.json.at("/summary/outcomes/FAILED").asInt(), r.wallSeconds);
                }
            }
        } finally {
            bedrock.stop();
        }
        System.out.println("# 'warm' = a second cycle on the same report store: plans come from bedrock-plan-cache/, "
                + "analyses from the failure-signature cache");
    }

    private record Result(double wallSeconds, JsonNode json) {
    }

    private static Result cycle(Path out, int hosts, String advisor) throws Exception {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        var cli = PatchctlCommandLine.commandLine(new PatchctlCommand());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        long t0 = System.nanoTime();
        int code = cli.execute("simulate", "--hosts", String.valueOf(hosts), "--advisor", advisor, "--out", out.toString(),
                "--progress", "none");
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0 && code != 3 && code != 4) {
            throw new IllegalStateException("simulate exited " + code + ": " + stderr);
        }
        return new Result(wall, Json.mapper().readTree(out.resolve("fleet-report.json").toFile()));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String text) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("id", "msg_bench").put("type", "message").put("role", "assistant");
        root.putArray("content").addObject().put("type", "text").put("text", text);
        root.put("stop_reason", "end_turn");
        root.putObject("usage").put("input_tokens", 400).put("output_tokens", 80);
        // a model call is not instant: 300 ms keeps concurrent hosts racing for the same plan
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withFixedDelay(300)
                .withBody(root.toString());
    }
}
