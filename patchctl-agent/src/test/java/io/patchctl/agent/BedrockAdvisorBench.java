package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.dnf.DnfPackageManager;
import io.patchctl.dnf.process.ProcessResult;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.plan.PlanPromptBuilder;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.model.ModelRequest;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bedrock advisor's benchmark (run by {@code bench/bedrock-advisor.sh}; not part of the test
 * suite: surefire only picks up *Test classes). Prints, for one update set, the prompt size of our
 * prompt against the seed's (raw {@code dnf check-update --security} pasted into the prompt), and
 * the Bedrock calls of 50-host lab cycles with K distinct update sets. Fails if calls != K.
 */
class BedrockAdvisorBench {

    private static final Path OUT = Path.of("target/bench/bedrock-advisor.txt");
    /** The seed's intent, as its prompt phrased it, followed by the raw dnf output. */
    private static final String SEED_PROMPT = "You are a Linux system administrator. Below is the output of "
            + "'dnf check-update --security' on a RHEL 8 server. Generate the dnf commands to install only the security "
            + "updates, skip kernel updates, test the transaction first, and install only if it is safe.\n\n";

    @TempDir
    Path tmp;

    private final List<String> lines = new ArrayList<>();

    @Test
    void bench() throws Exception {
        int packages = Integer.getInteger("bench.packages", 60);
        int secure = Integer.getInteger("bench.secure", 40);
        int hosts = Integer.getInteger("bench.hosts", 50);
        int[] ks = Arrays.stream(System.getProperty("bench.k", "1,4").split(",")).filter(x -> !x.isBlank())
                .mapToInt(Integer::parseInt).toArray();
        print("load average at start: " + Files.readString(Path.of("/proc/loadavg")).strip()
                + " (shared 2-core machine, other engineers building: timings are inflated)");

        promptSize(packages, secure);
        replySize();
        for (int k : ks) {
            fleetCycle(hosts, k);
        }
        Files.createDirectories(OUT.getParent());
        Files.write(OUT, lines);
    }

    private void promptSize(int packages, int secure) throws IOException {
        Lab lab = Lab.build(StandardLabs.fleet(packages, secure));
        LabHost host = lab.newHost(tmp.resolve("prompt-host"), HostSpec.allBase());
        List<String> argv = new ArrayList<>(List.of("dnf", "--installroot=" + host.installroot()));
        argv.addAll(host.dnfArgs());
        argv.addAll(List.of("check-update", "--security"));
        ProcessResult raw = new ProcessRunner().run(argv, host.environment(), Duration.ofMinutes(5));
        assertThat(raw.exitCode()).as("dnf check-update exit (100 = updates pending): %s", raw.stderr()).isEqualTo(100);
        String seed = SEED_PROMPT + raw.stdout();

        List<SecurityUpdate> updates = new DnfPackageManager(host.installroot(), host.dnfArgs(), host.environment(),
                Duration.ofMinutes(5), new ProcessRunner()).discoverSecurityUpdates();
        ModelRequest ours = new PlanPromptBuilder().build(updates, PatchPolicy.defaults());
        String oursText = ours.system() + "\n" + ours.user();

        print("");
        print(String.format("prompt for one host: %d installed packages, %d security updates (%d discovered rows, 2 kernels)",
                packages, secure, updates.size()));
        print(String.format("  %-58s %8s %12s %12s", "", "chars", "tokens~c/4", "tokens~wp"));
        print(row("seed: instructions + raw `dnf check-update --security`", seed));
        print(row("patchctl: system + policy + delimited table (with CVEs)", oursText));
        print(row("  of which the fixed system prompt", ours.system()));
        print(String.format("  ratio patchctl/seed (word pieces): %.2f per prompt; per 50-host cycle with K update sets:"
                + " seed 50 prompts (%d pieces), patchctl K prompts (K=1: %d, K=4: %d)", (double) wordPieces(oursText) / wordPieces(seed),
                50 * wordPieces(seed), wordPieces(oursText), 4 * wordPieces(oursText)));
        print("  tokens~c/4 = chars/4; tokens~wp = letter runs of up to 6, digit runs of up to 3, each other symbol "
                + "(an offline estimate: Bedrock's input_tokens are only known from the real service)");
    }

    /**
     * Output tokens of one plan at 10, 120 and 400 pending updates: the exceptions-only answer against
     * the previous shape (every install listed), both written by {@link PlanningModelStandIn} from the
     * real prompt and sent through the real SDK and ModelAdvisor (WireMock; the stand-in cuts at max_tokens).
     */
    private void replySize() throws Exception {
        print("");
        print("plan reply per host (stand-in answers from the prompt, holds the 2 kernels; max_tokens 1024):");
        print(String.format("  %-8s %-22s %7s %11s %11s %-8s %s", "updates", "shape", "chars", "tokens~c/4",
                "stand-in", "planner", "fallback"));
        for (int n : new int[] {10, 120, 400}) {
            List<SecurityUpdate> updates = new ArrayList<>();
            updates.add(new SecurityUpdate("RHSA-2026:5000", io.patchctl.core.advisory.Severity.IMPORTANT, List.of("CVE-2026-5000"),
                    "kernel", "x86_64", "4.18.0-553.1.el8", "4.18.0-553.2.el8"));
            updates.add(new SecurityUpdate("RHSA-2026:5001", io.patchctl.core.advisory.Severity.IMPORTANT, List.of("CVE-2026-5001"),
                    "kernel-core", "x86_64", "4.18.0-553.1.el8", "4.18.0-553.2.el8"));
            for (int i = 0; i < n - 2; i++) {
                updates.add(new SecurityUpdate(String.format("RHSA-2026:%04d", 5100 + i), io.patchctl.core.advisory.Severity.MODERATE,
                        List.of(String.format("CVE-2026-%05d", 51000 + i)), String.format("labpkg%03d", i), "x86_64",
                        "1.0-1.el8", "1.0-2.el8"));
            }
            for (boolean listInstalls : new boolean[] {true, false}) {
                PlanningModelStandIn model = new PlanningModelStandIn(listInstalls);
                try (BedrockLabFixture aws = new BedrockLabFixture(model);
                     io.patchctl.aws.BedrockModelClient client = io.patchctl.aws.BedrockModelClient.builder()
                             .settings(io.patchctl.aws.AwsClientSettings.builder(io.patchctl.aws.AwsClientSettings.Profile.BEDROCK_AGENT).region("us-east-2")
                                     .endpointOverride(java.net.URI.create(aws.bedrock.baseUrl())).build()).build()) {
                    aws.bedrock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                                    com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(BedrockLabFixture.INVOKE))
                            .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                    .withTransformers(PlanningModelStandIn.NAME)));
                    var outcome = new io.patchctl.core.plan.ModelAdvisor(client, null, new io.patchctl.core.plan.RulesAdvisor())
                            .advise(updates, PatchPolicy.defaults());
                    String full = PlanningModelStandIn.answer(PlanningModelStandIn.packages(
                            new PlanPromptBuilder().build(updates, PatchPolicy.defaults()).user()), listInstalls);
                    print(String.format("  %-8d %-22s %7d %11d %11d %-8s %s", n,
                            listInstalls ? "previous (install list)" : "exceptions-only", full.length(), full.length() / 4,
                            wordPieces(full), outcome.info().kind(),
                            shorten(outcome.info().fallbackReason())));
                    if (!listInstalls) {
                        assertThat(outcome.info().kind()).as("exceptions-only plan at %d updates", n).isEqualTo("bedrock");
                    }
                }
            }
        }
        print("  chars and tokens~c/4 are of the whole answer; stand-in = its word-piece count (what it reports as"
                + " output_tokens, capped at max_tokens); Bedrock's real counts come only from the service");
    }

    private static String shorten(String reason) {
        if (reason == null) {
            return "-";
        }
        String r = reason.replaceAll("\\s+", " ");
        return r.length() > 70 ? r.substring(0, 70) + "…" : r;
    }

    private void fleetCycle(int hosts, int k) throws Exception {
        List<HostSpec> variants = List.of(HostSpec.allBase(), HostSpec.allBase().without("curl"),
                HostSpec.allBase().without("zlib"), HostSpec.allBase().without("sudo"), HostSpec.allBase().without("libxml2"),
                HostSpec.allBase().without("curl", "zlib"), HostSpec.allBase().upgraded("openssl-libs"),
                HostSpec.allBase().upgraded("curl", "sudo"));
        if (k > variants.size()) {
            throw new IllegalArgumentException("k must be <= " + variants.size());
        }
        Lab lab = Lab.build(StandardLabs.mixed());
        try (BedrockLabFixture aws = new BedrockLabFixture()) {
            String bucket = "bench-rhel8-patch-logs-" + k;
            aws.s3.createBucket(bucket);
            aws.answer(io.patchctl.aws.BedrockStub.reply("{\"install_all_other_reported\":true,\"hold\":[{\"package\":\"kernel*\","
                    + "\"reason\":\"reboot window\"}],\"risk\":\"LOW\",\"reasoning\":\"bench\"}", "end_turn", 800, 40).withFixedDelay(2000));
            List<LabHost> fleet = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                fleet.add(lab.newHost(tmp.resolve("k" + k + "-h" + i), variants.get(i % k)));
            }
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(10); // like an SSM Run Command max concurrency of 10
            List<JsonNode> reports = new ArrayList<>();
            try {
                List<Callable<JsonNode>> tasks = new ArrayList<>();
                for (int i = 0; i < hosts; i++) {
                    LabHost h = fleet.get(i);
                    String id = String.format("i-0bench%09d", i);
                    tasks.add(() -> BedrockLabFixture.report(BedrockLabFixture.runAs(h, id, "--scan-only",
                            "--report-bucket=" + bucket, "--no-compliance", "--env=bench")));
                }
                for (Future<JsonNode> f : pool.invokeAll(tasks)) {
                    reports.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            int calls = aws.bedrockCalls();
            List<Long> hit = new ArrayList<>();
            List<Long> miss = new ArrayList<>();
            for (JsonNode r : reports) {
                (r.at("/advisor/plan_cache").asText().equals("hit") ? hit : miss).add(r.at("/advisor/latency_millis").asLong());
            }
            print("");
            print(String.format("fleet cycle: %d hosts (scan-only, real dnf discovery, 10 at a time), K=%d distinct update sets,"
                    + " stand-in answers in 2 s", hosts, k));
            print(String.format("  Bedrock calls: %d (target K=%d; without the plan cache: %d, one per host)", calls, k, hosts));
            print(String.format("  plan_cache hit/miss: %d/%d; advisor latency median hit %d ms, miss %d ms; cycle wall %.1f s",
                    hit.size(), miss.size(), median(hit), median(miss), wall / 1000.0));
            assertThat(calls).as("Bedrock calls for K=%d", k).isEqualTo(k);
        }
    }

    private String row(String label, String text) {
        return String.format("  %-58s %8d %12d %12d", label, text.length(), text.length() / 4, wordPieces(text));
    }

    static int wordPieces(String text) {
        Matcher m = Pattern.compile("\\p{L}+|\\p{N}+|[^\\s\\p{L}\\p{N}]").matcher(text);
        int n = 0;
        while (m.find()) {
            String g = m.group();
            if (Character.isLetter(g.charAt(0))) {
                n += (g.length() + 5) / 6;
            } else if (Character.isDigit(g.charAt(0))) {
                n += (g.length() + 2) / 3;
            } else {
                n++;
            }
        }
        return n;
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private void print(String line) {
        lines.add(line);
        System.out.println(line);
    }
}
