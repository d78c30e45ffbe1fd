package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.plan.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered Run Command script executed by real bash, with `java` and `dnf` replaced by stubs on
 * PATH that record how they were called (SSM substitutes {{ advisor }} and {{ scanOnly }} first,
 * as Run Command does). Proves the checksum gate, the Java install and the exact agent command line.
 */
class RunScriptExecutionTest {

    private static final String POLICY = "{\"hold_packages\":[\"kernel*\"],\"minimum_severity\":\"moderate\","
            + "\"hold_reboot_packages\":false,\"max_packages\":0}";

    @TempDir
    Path tmp;
    private Path bin;
    private Path jarDir;
    private Path policyDir;
    private Path calls;
    private Path tools;

    record Run(int exitCode, String stderr, List<String> calls) {
    }

    @BeforeEach
    void stubs() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        jarDir = Files.createDirectories(tmp.resolve("agent"));
        policyDir = tmp.resolve("etc-patchctl");
        calls = tmp.resolve("calls.log");
        // Only the tools the script uses, so a java or dnf installed on this machine is never found.
        tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("sha256sum", "cut", "sed", "base64", "mv", "install", "find", "cp", "cat")) {
            Path real = which(tool);
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        // dnf: records the call and "installs" java (the stub below) like the real package would.
        script(bin.resolve("dnf"), "echo \"dnf $*\" >> \"$CALLS\"\ncp \"$STUBS/java.stub\" \"$STUBS/java\"\n");
        script(bin.resolve("java.stub"), """
                for a in "$@"; do
                  if [ "$a" = "-XshowSettings:properties" ]; then
                    echo "    java.specification.version = ${JAVA_SPEC:-17}" >&2; exit 0
                  fi
                done
                printf 'java' >> "$CALLS"; for a in "$@"; do printf ' [%s]' "$a" >> "$CALLS"; done; echo >> "$CALLS"
                exit "${AGENT_EXIT:-0}"
                """);
    }

    @Test
    void goodJar_runsTheAgentWithTheFlagsAndPolicy_andPassesItsExitCodeThrough() throws Exception {
        installJava();
        String sha = jar("patchctl agent bytes");
        Files.writeString(jarDir.resolve("patchctl-" + "0".repeat(64) + ".jar"), "last week's release");

        Run run = run(sha, "bedrock", "false", Map.of("AGENT_EXIT", "3", "AWS_SSM_INSTANCE_ID", "i-0123456789abcdef0"));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(3);
        assertThat(run.calls()).containsExactly("java [-XX:TieredStopAtLevel=1] [-XX:+UseSerialGC] [-jar] ["
                + jarDir.resolve("patchctl-" + sha + ".jar") + "] [run] [--env] [dev] [--region] [us-east-2] [--model-id]"
                + " [us.anthropic.claude-sonnet-4-6] [--advisor] [bedrock] [--report-bucket] [dev-rhel8-patch-logs-123456789012]"
                + " [--policy] [" + policyDir.resolve("policy-dev.json") + "] [--instance-id] [i-0123456789abcdef0]");
        assertThat(PolicyLoader.load(policyDir.resolve("policy-dev.json")).minimumSeverity().name()).isEqualTo("MODERATE");
        assertThat(jarDir.resolve("patchctl-" + "0".repeat(64) + ".jar")).as("old release cleaned up").doesNotExist();
    }

    @Test
    void scanOnlyParameter_addsScanOnly_andRulesAdvisorIsPassedAsGiven() throws Exception {
        installJava();
        String sha = jar("agent");

        Run run = run(sha, "rules", "true", Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.calls()).singleElement().asString().contains("[--advisor] [rules]").endsWith("[--scan-only]")
                .doesNotContain("--instance-id");
    }

    @Test
    void tamperedJar_isRefused_andNothingRuns() throws Exception {
        installJava();
        String sha = jar("the jar Terraform uploaded");
        Files.writeString(jarDir.resolve("patchctl-" + sha + ".jar"), "something else");

        Run run = run(sha, "bedrock", "false", Map.of());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("agent jar checksum mismatch: expected " + sha);
        assertThat(run.calls()).isEmpty();
    }

    @Test
    void missingJar_failsClearly() throws Exception {
        installJava();

        Run run = run("a".repeat(64), "bedrock", "false", Map.of());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("agent jar missing at " + jarDir.resolve("patchctl-" + "a".repeat(64) + ".jar"));
        assertThat(run.calls()).isEmpty();
    }

    @Test
    void noJava_installsTheRhelPackageFirst() throws Exception {
        String sha = jar("agent");

        Run run = run(sha, "bedrock", "false", Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.calls()).hasSize(2);
        assertThat(run.calls().get(0)).isEqualTo("dnf -y -q install java-17-openjdk-headless");
        assertThat(run.calls().get(1)).startsWith("java [-XX:TieredStopAtLevel=1]");
    }

    @Test
    void java11_isUpgradedToo() throws Exception {
        installJava();
        String sha = jar("agent");

        Run run = run(sha, "bedrock", "false", Map.of("JAVA_SPEC", "11"));

        assertThat(run.calls()).first().isEqualTo("dnf -y -q install java-17-openjdk-headless");
    }

    private void installJava() throws IOException {
        Files.copy(bin.resolve("java.stub"), bin.resolve("java"));
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String jar(String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.write(jarDir.resolve("patchctl-" + sha + ".jar"), bytes);
        return sha;
    }

    private Run run(String sha, String advisor, String scanOnly, Map<String, String> env) throws Exception {
        String script = PatchDocumentTest.renderScript(POLICY, sha, jarDir.toString(), policyDir.toString())
                // What Run Command does with the document's parameters before running the script.
                .replace("{{ advisor }}", advisor).replace("{{ scanOnly }}", scanOnly);
        Path file = tmp.resolve("run-patchctl.sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder(which("bash").toString(), file.toString()).redirectErrorStream(false);
        pb.environment().put("PATH", bin + ":" + tools);
        pb.environment().put("CALLS", calls.toString());
        pb.environment().put("STUBS", bin.toString());
        pb.environment().remove("AWS_SSM_INSTANCE_ID");
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("script finished").isTrue();
        List<String> recorded = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        return new Run(p.exitValue(), stderr, recorded);
    }

    private static Path which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("this test needs '" + tool + "' in /usr/bin or /bin (coreutils, findutils, sed, bash)");
    }

    private static void script(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
