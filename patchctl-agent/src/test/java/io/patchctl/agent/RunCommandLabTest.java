package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.dnf.process.ProcessResult;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.AdvisorInfo;
import io.patchctl.core.plan.AdvisorOutcome;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.Risk;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchctl run} end to end through real dnf and rpm in lab installroots. */
class RunCommandLabTest {

    static Lab lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.failing());
    }

    private LabHost host(HostSpec spec) {
        return lab.newHost(tmp.resolve("host"), spec);
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

    @Test
    void run_mixedUpdates_installsExactlyTheAllowedSecurityUpdates() throws Exception {
        LabHost host = host(HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET));
        Map<String, List<String>> before = host.installed();

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--report-dir=" + tmp.resolve("reports"));

        assertThat(run.exitCode).as(run.stderr).isZero();
        JsonNode report = json(run);
        assertThat(report.get("status").asText()).isEqualTo("COMPLIANT");
        assertThat(texts(report.get("approved"))).containsExactlyInAnyOrder("curl", "openssl-libs", "sudo", "zlib", "libxml2");
        Map<String, List<String>> after = host.installed();
        assertThat(after.get("openssl-libs")).containsExactly("1:1.1.1k-12.el8.x86_64");
        assertThat(after.get("curl")).containsExactly("7.61.1-34.el8.x86_64");
        assertThat(after.get("libxml2")).containsExactly("2.9.7-19.el8.x86_64");
        // kernel (held), bug-fix-only and enhancement-only packages are untouched; nginx stays absent
        for (String untouched : List.of("kernel", "kernel-core", "bash", "vim-minimal", "tzdata", "filesystem")) {
            assertThat(after.get(untouched)).as(untouched).isEqualTo(before.get(untouched));
        }
        assertThat(after).doesNotContainKey("nginx");
        assertThat(report.get("held").toString())
                .contains("{\"package_name\":\"kernel\",\"reason\":\"policy holds packages matching 'kernel*'\",\"kind\":\"POLICY\"}")
                .contains("{\"package_name\":\"kernel-core\",\"reason\":\"policy holds packages matching 'kernel*'\",\"kind\":\"POLICY\"}");
        assertThat(texts(report.get("verification").get("remaining_held"))).containsExactlyInAnyOrder("kernel", "kernel-core");
        assertThat(report.get("verification").get("remaining_allowed")).isEmpty();
        assertThat(texts(report.get("apply").get("installed"))).containsExactlyInAnyOrder(
                "openssl-libs-1:1.1.1k-12.el8.x86_64", "curl-7.61.1-34.el8.x86_64", "sudo-1.9.5p2-2.el8.x86_64",
                "zlib-1.2.11-26.el8.x86_64", "libxml2-2.9.7-19.el8.x86_64");
        assertThat(report.get("transaction_test").get("success").asBoolean()).isTrue();
        JsonNode openssl = Stream.of(Json.mapper().treeToValue(report.get("discovered"), JsonNode[].class))
                .filter(n -> n.get("name").asText().equals("openssl-libs")).findFirst().orElseThrow();
        assertThat(openssl.get("installed_evr").asText()).isEqualTo("1:1.1.1k-9.el8");
        assertThat(openssl.get("available_evr").asText()).isEqualTo("1:1.1.1k-12.el8");
        assertThat(texts(openssl.get("cves"))).containsExactly("CVE-2026-0001", "CVE-2026-0002");
        // list, info, upgrade (it runs its own transaction test), needs-restarting if plugins are on; verified by
        // rpm -q; + 2 cache-only calls of the package-database check (dnf check, dnf history info)
        assertThat(report.get("dnf_invocations").asInt()).isBetween(5, 6);
        try (Stream<Path> files = Files.walk(tmp.resolve("reports"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> tmp.resolve("reports").relativize(p).toString()))
                    .singleElement().asString().matches("bedrock-patch-runs/dev/i-0lab/\\d{8}T\\d{6}Z-[0-9a-f-]{8}\\.json");
        }
    }

    @Test
    void run_failingScriptlet_isFailedWithDnfErrorAndConsistentRpmDb() throws Exception {
        LabHost host = host(HostSpec.allBase());

        LabRun first = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules");

        assertThat(first.exitCode).as(first.stderr).isEqualTo(4);
        JsonNode report = json(first);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("transaction_test").get("success").asBoolean()).isTrue();
        assertThat(report.get("apply").get("success").asBoolean()).isFalse();
        assertThat(report.get("apply").get("error").asText()).contains("scriptlet failed");
        assertThat(report.get("error").asText()).startsWith("upgrade failed: ").contains("tzdata-broken");
        host.checkRpmDatabase();
        assertThat(host.installed().get(StandardLabs.FAILING_SCRIPTLET)).containsExactly("2025a-1.el8.noarch");
        assertThat(texts(report.get("verification").get("remaining_allowed"))).containsExactly(StandardLabs.FAILING_SCRIPTLET);

        LabRun second = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules");

        assertThat(second.exitCode).isEqualTo(4);
        JsonNode again = json(second);
        assertThat(texts(again.get("approved"))).containsExactly(StandardLabs.FAILING_SCRIPTLET);
        assertThat(texts(again.get("verification").get("remaining_allowed"))).containsExactly(StandardLabs.FAILING_SCRIPTLET);
        assertThat(again.get("apply").get("error").asText()).contains("scriptlet failed");
        host.checkRpmDatabase();
    }

    @Test
    void run_nothingToDo_exitsZeroWithoutTransaction() throws Exception {
        LabHost host = host(HostSpec.allBase().upgraded("openssl-libs", "curl", "sudo", "zlib", "libxml2",
                "kernel", "kernel-core").without(StandardLabs.FAILING_SCRIPTLET));

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules");

        assertThat(run.exitCode).as(run.stderr).isZero();
        JsonNode report = json(run);
        assertThat(report.get("status").asText()).isEqualTo("COMPLIANT");
        assertThat(report.get("discovered")).isEmpty();
        assertThat(report.get("plan").get("install")).isEmpty();
        assertThat(report.get("transaction_test").get("ran").asBoolean()).isFalse();
        assertThat(report.get("apply").get("ran").asBoolean()).isFalse();
        assertThat(report.get("dnf_invocations").asInt()).isEqualTo(3); // health check (2) + discovery
    }

    @Test
    void run_scanOnly_changesNothingAndIsNonCompliant() throws Exception {
        LabHost host = host(HostSpec.allBase());
        Map<String, List<String>> before = host.installed();

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--scan-only", "--advisor=rules");

        assertThat(run.exitCode).as(run.stderr).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(report.get("mode").asText()).isEqualTo("SCAN_ONLY");
        assertThat(report.get("status").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(report.get("approved")).hasSize(6);
        assertThat(report.get("transaction_test").get("ran").asBoolean()).isFalse();
        assertThat(host.installed()).isEqualTo(before);
    }

    @Test
    void run_bedrockUnreachable_fallsBackToRulesWithReason() throws Exception {
        LabHost host = host(HostSpec.allBase());
        // never real AWS: Bedrock "lives" on a loopback port nobody listens on
        System.setProperty("aws.endpointUrlBedrockRuntime", "http://127.0.0.1:9");
        try {
            LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--scan-only",
                    "--bedrock-budget=5");

            JsonNode advisor = json(run).get("advisor");
            assertThat(advisor.get("kind").asText()).isEqualTo("rules");
            assertThat(advisor.get("model_id").asText()).isEqualTo("us.anthropic.claude-sonnet-4-6");
            assertThat(advisor.get("fallback_reason").asText()).matches("(NO_CREDENTIALS|CONNECTION|TIMEOUT): .+");
        } finally {
            System.clearProperty("aws.endpointUrlBedrockRuntime");
        }
    }

    /** An advisor gone rogue, through the real CLI and dnf: only guarded names ever reach a dnf command line. */
    @Test
    void run_hostileAdvisor_nothingHostileReachesDnf() throws Exception {
        LabHost host = host(HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET));
        List<List<String>> commands = new CopyOnWriteArrayList<>();
        ProcessRunner recording = new ProcessRunner() {
            @Override
            public ProcessResult run(List<String> argv, Map<String, String> env, Duration timeout) {
                commands.add(argv);
                return super.run(argv, env, timeout);
            }
        };
        List<String> hostile = List.of("curl", "kernel-core", "nginx", "curl; rm -rf /", "$(reboot)", "--nogpgcheck",
                "openssl*", "zlib sudo");
        LabRun run = LabRun.run(host, LabRun.components(host, (u, p) -> new AdvisorOutcome(
                new PatchPlan(hostile, List.of(), Risk.LOW, "trust me"), AdvisorInfo.rules(0)), recording));

        JsonNode report = json(run);
        assertThat(texts(report.get("approved"))).containsExactly("curl");
        assertThat(report.get("rejected")).hasSize(7);
        List<List<String>> upgrades = commands.stream().filter(c -> c.contains("upgrade")).toList();
        // one upgrade: dnf runs its transaction test inside it (no separate tsflags=test call)
        assertThat(upgrades).hasSize(1).allSatisfy(c -> {
            assertThat(c.subList(c.indexOf("--") + 1, c.size())).containsExactly("curl");
            assertThat(c).doesNotContain("--nogpgcheck", "kernel-core", "nginx");
        });
        assertThat(host.installed()).doesNotContainKey("nginx");
        // the advisor held nothing but planned only curl: the other allowed updates remain -> non-compliant
        assertThat(run.exitCode).isEqualTo(3);
    }

    @Test
    void run_unreachableRepository_isFailedWithTheRepoError() throws Exception {
        LabHost host = lab.newUnreachableHost(tmp.resolve("unreachable"), HostSpec.allBase());

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--dnf-timeout=60");

        assertThat(run.exitCode).isEqualTo(4);
        JsonNode report = json(run);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("error").asText()).startsWith("discovery failed: dnf updateinfo list --security failed")
                .contains("Failed to download metadata for repo 'updates'");
    }

    @Test
    void run_dnfLockHeldByAnotherProcess_failsAfterTimeoutInsteadOfHanging() throws Exception {
        LabHost host = host(HostSpec.allBase());
        Path lock = host.installroot().resolve("var/cache/dnf/metadata_lock.pid");
        Files.createDirectories(lock.getParent());
        // dnf waits for a live pid in its lock file; this JVM is alive for the whole test
        Files.writeString(lock, Long.toString(ProcessHandle.current().pid()));
        long start = System.nanoTime();

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--dnf-timeout=3");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(run.exitCode).isEqualTo(4);
        // the package-database check is the first dnf call now: it is the one that times out, and says why
        assertThat(json(run).get("error").asText()).startsWith("package database unhealthy, nothing planned: dnf check timed out after 3 s")
                .contains("another process holding the dnf or rpm lock")
                .contains("Waiting for process with pid " + ProcessHandle.current().pid());
    }

    /** rpm does not wait for its transaction lock: the upgrade fails at once, clearly, and changes nothing. */
    @Test
    void run_rpmLockHeld_failsTheUpgradeWithRpmsLockError() throws Exception {
        LabHost host = host(HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET));
        Path lockFile = host.installroot().resolve("var/lib/rpm/.rpm.lock");
        Files.createDirectories(lockFile.getParent());
        Map<String, List<String>> before = host.installed();
        try (RandomAccessFile raf = new RandomAccessFile(lockFile.toFile(), "rw");
             FileChannel channel = raf.getChannel();
             FileLock held = channel.lock()) {
            LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                    "--dnf-timeout=4");

            assertThat(held.isValid()).isTrue();
            assertThat(run.exitCode).isEqualTo(4);
            JsonNode report = json(run);
            assertThat(report.get("status").asText()).isEqualTo("FAILED");
            assertThat(report.get("transaction_test").get("success").asBoolean()).isTrue();
            assertThat(report.get("error").asText()).startsWith("upgrade failed: dnf upgrade failed with exit code 1")
                    .contains("can't create transaction lock on " + lockFile);
        }
        host.checkRpmDatabase();
        assertThat(host.installed()).isEqualTo(before);
    }
}
