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
 * The rendered Run Command script executed by real bash on a scratch "host" directory, with `java`,
 * `dnf` and `rpm` replaced by stubs that record how they were called (SSM substitutes {{ advisor }}
 * and {{ scanOnly }} first, as Run Command does). The jar gets where the document's download step
 * puts it by the SSM Agent's own rule ({@link SsmAgentDownload}), on a fresh host whose download
 * directory does not exist yet. Proves the download + checksum gate, the Java choice and the exact
 * agent command line.
 */
class RunScriptExecutionTest {

    private static final String POLICY = "{\"hold_packages\":[\"kernel*\"],\"minimum_severity\":\"moderate\","
            + "\"hold_reboot_packages\":false,\"max_packages\":0}";

    @TempDir
    Path tmp;
    private Path host;
    private Path bin;
    private Path jarDir;
    private Path policyDir;
    private Path calls;
    private Path tools;
    private Path packageJava;

    record Run(int exitCode, String stderr, List<String> calls) {
    }

    @BeforeEach
    void stubs() throws IOException {
        host = Files.createDirectories(tmp.resolve("host"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        // Not created: on a fresh host the download step is the first to touch this directory.
        jarDir = host.resolve("var/lib/patchctl/agent");
        policyDir = tmp.resolve("etc-patchctl");
        calls = tmp.resolve("calls.log");
        packageJava = tmp.resolve("jdk/usr/lib/jvm/java-17-openjdk/bin/java");
        // Only the tools the script uses, so a java, dnf or rpm installed on this machine is never found.
        tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("sha256sum", "cut", "sed", "base64", "mv", "install", "find", "cp", "cat", "grep", "mkdir", "dirname")) {
            Path real = which(tool);
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        script(bin.resolve("java11.stub"), javaStub("11"));
        script(bin.resolve("java17.stub"), javaStub("17"));
        // dnf: records the call and installs the package's java under its own prefix, like the RPM would
        // (not on PATH: installing a JDK does not change which `java` PATH finds).
        script(bin.resolve("dnf"), "echo \"dnf $*\" >> \"$CALLS\"\nmkdir -p \"$(dirname \"$PKG_JAVA\")\"\n"
                + "cp \"$STUBS/java17.stub\" \"$PKG_JAVA\"\n");
        // rpm -ql: the package's file list once installed.
        script(bin.resolve("rpm"), """
                if [ -x "$PKG_JAVA" ]; then
                  echo "$(dirname "$PKG_JAVA")/jfr"; echo "$PKG_JAVA"; echo "$(dirname "$PKG_JAVA")/keytool"
                else
                  echo "package $3 is not installed"; exit 1
                fi
                """);
    }

    /** A java that answers -XshowSettings with {@code spec} and otherwise records "$0 [arg]..." as the agent run. */
    private static String javaStub(String spec) {
        return """
                for a in "$@"; do
                  if [ "$a" = "-XshowSettings:properties" ]; then
                    echo "    java.specification.version = %s" >&2; exit 0
                  fi
                done
                printf '%%s' "$0" >> "$CALLS"; for a in "$@"; do printf ' [%%s]' "$a" >> "$CALLS"; done; echo >> "$CALLS"
                exit "${AGENT_EXIT:-0}"
                """.formatted(spec);
    }

    @Test
    void freshHost_jarDownloadedByTheAgentsRule_runsWithTheFlagsAndPolicy_andPassesItsExitCodeThrough() throws Exception {
        installJava("17");
        String sha = download("patchctl agent bytes");

        Run run = run(sha, "bedrock", "false", Map.of("AGENT_EXIT", "3", "AWS_SSM_INSTANCE_ID", "i-0123456789abcdef0"));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(3);
        assertThat(run.calls()).containsExactly(bin.resolve("java") + " [-XX:TieredStopAtLevel=1] [-XX:+UseSerialGC] [-jar] ["
                + jarDir.resolve("patchctl-" + sha + ".jar") + "] [run] [--env] [dev] [--region] [us-east-2] [--model-id]"
                + " [us.anthropic.claude-sonnet-4-6] [--advisor] [bedrock] [--report-bucket] [dev-rhel8-patch-logs-123456789012]"
                + " [--compliance-type] [Custom:RHEL8SecurityPatching]"
                + " [--policy] [" + policyDir.resolve("policy-dev.json") + "] [--reboot] [never] [--instance-id] [i-0123456789abcdef0]");
        assertThat(PolicyLoader.load(policyDir.resolve("policy-dev.json")).minimumSeverity().name()).isEqualTo("MODERATE");
    }

    @Test
    void rebootParameter_isPassed_andExit194_reachesTheSsmAgentUnchanged() throws Exception {
        // 194 is the SSM Agent's RebootExitCode on Linux (agent/appconfig/constants_unix.go): it reboots and re-runs
        installJava("17");
        String sha = download("agent");

        Run run = run(sha, "rules", "false", Map.of("AGENT_EXIT", "194", "REBOOT_PARAMETER", "if-needed"));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(194);
        assertThat(run.calls()).singleElement().asString().contains("[--reboot] [if-needed]");
    }

    @Test
    void downloadRule_withoutTrailingSlashOnAFreshHost_wouldNameTheFileAfterTheDirectory() {
        // The rule itself, so the test above can fail: the seed's destinationPath made a file called "agent".
        String key = "bedrock-patch-artifacts/dev/patchctl-" + "a".repeat(64) + ".jar";

        assertThat(SsmAgentDownload.destinationFile(host, "/var/lib/patchctl/agent", key)).isEqualTo(jarDir);
        assertThat(SsmAgentDownload.destinationFile(host, "/var/lib/patchctl/agent/", key))
                .isEqualTo(jarDir.resolve("patchctl-" + "a".repeat(64) + ".jar"));
    }

    @Test
    void secondWeek_newRelease_isDownloadedBesideTheOld_andTheOldIsCleanedUp() throws Exception {
        installJava("17");
        download("last week's release");
        String sha = download("this week's release");

        Run run = run(sha, "bedrock", "false", Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.calls()).singleElement().asString().contains("[" + jarDir.resolve("patchctl-" + sha + ".jar") + "]");
        try (var files = Files.list(jarDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("patchctl-" + sha + ".jar");
        }
    }

    @Test
    void scanOnlyParameter_addsScanOnly_andRulesAdvisorIsPassedAsGiven() throws Exception {
        installJava("17");
        String sha = download("agent");

        Run run = run(sha, "rules", "true", Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.calls()).singleElement().asString().contains("[--advisor] [rules]").endsWith("[--scan-only]")
                .doesNotContain("--instance-id");
    }

    @Test
    void tamperedJar_isRefused_andNothingRuns() throws Exception {
        installJava("17");
        String sha = download("the jar Terraform uploaded");
        Files.writeString(jarDir.resolve("patchctl-" + sha + ".jar"), "something else");

        Run run = run(sha, "bedrock", "false", Map.of());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("agent jar checksum mismatch: expected " + sha);
        assertThat(run.calls()).isEmpty();
    }

    @Test
    void missingJar_failsClearly() throws Exception {
        installJava("17");

        Run run = run("a".repeat(64), "bedrock", "false", Map.of());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("agent jar missing at " + jarDir.resolve("patchctl-" + "a".repeat(64) + ".jar"));
        assertThat(run.calls()).isEmpty();
    }

    @Test
    void noJava_installsTheRhelPackage_andRunsItsJava() throws Exception {
        String sha = download("agent");

        Run run = run(sha, "bedrock", "false", Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.calls()).hasSize(2);
        assertThat(run.calls().get(0)).isEqualTo("dnf -y -q install java-17-openjdk-headless");
        assertThat(run.calls().get(1)).startsWith(packageJava + " [-XX:TieredStopAtLevel=1]");
    }

    @Test
    void java11OnPath_installsJdk17_andRunsTheInstalledJdksJava_notTheOneOnPath() throws Exception {
        installJava("11");
        String sha = download("agent");

        Run run = run(sha, "bedrock", "false", Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.calls()).first().isEqualTo("dnf -y -q install java-17-openjdk-headless");
        assertThat(run.calls().get(1)).startsWith(packageJava + " [-XX:TieredStopAtLevel=1]");
    }

    @Test
    void packageWithoutJava_failsClearly_andRunsNothing() throws Exception {
        installJava("11");
        String sha = download("agent");
        // A dnf that "installs" nothing: rpm -ql then lists no bin/java.
        script(bin.resolve("dnf"), "echo \"dnf $*\" >> \"$CALLS\"\n");

        Run run = run(sha, "bedrock", "false", Map.of());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("package java-17-openjdk-headless ships no bin/java");
        assertThat(run.calls()).containsExactly("dnf -y -q install java-17-openjdk-headless");
    }

    @Test
    void campaignParameters_becomeOneArgumentPerId_inTheOrderGiven() throws Exception {
        installJava("17");
        String sha = download("agent");

        Run run = run(sha, Map.of("advisor", "rules", "scanOnly", "false", "cves", "CVE-2026-0001,CVE-2026-123456",
                "advisories", "RHSA-2026:1002,ALAS2023-2026-123", "reboot", "never"), Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.calls()).singleElement().asString().endsWith("[--policy] [" + policyDir.resolve("policy-dev.json") + "]"
                + " [--reboot] [never] [--cve] [CVE-2026-0001] [--cve] [CVE-2026-123456] [--advisory] [RHSA-2026:1002] [--advisory] [ALAS2023-2026-123]");
    }

    @Test
    void emptyCampaignParameters_addNoArguments() throws Exception {
        installJava("17");
        String sha = download("agent");

        Run run = run(sha, Map.of("advisor", "rules", "scanOnly", "false", "cves", "", "advisories", "", "reboot", "never"),
                Map.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.calls()).singleElement().asString().doesNotContain("--cve").doesNotContain("--advisory")
                .endsWith("[--policy] [" + policyDir.resolve("policy-dev.json") + "] [--reboot] [never]");
    }

    private void installJava(String spec) throws IOException {
        Files.copy(bin.resolve("java" + spec + ".stub"), bin.resolve("java"));
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The document's download step: the object (named as Terraform uploads it) lands by the agent's rule. */
    private String download(String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String key = "bedrock-patch-artifacts/dev/patchctl-" + sha + ".jar";
        SsmAgentDownload.download(host, PatchDocumentTest.downloadDestinationPath(), key, bytes);
        return sha;
    }

    private Run run(String sha, String advisor, String scanOnly, Map<String, String> env) throws Exception {
        return run(sha, Map.of("advisor", advisor, "scanOnly", scanOnly, "cves", "", "advisories", "",
                "reboot", env.getOrDefault("REBOOT_PARAMETER", "never")), env);
    }

    /** Runs the script with these document parameter values (SSM substitutes {{ name }} before running it). */
    private Run run(String sha, Map<String, String> parameters, Map<String, String> env) throws Exception {
        String script = PatchDocumentTest.renderScript(POLICY, sha, jarDir.toString(), policyDir.toString());
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            script = script.replace("{{ " + p.getKey() + " }}", p.getValue());
        }
        assertThat(script).as("every document parameter substituted").doesNotContain("{{");
        Path file = tmp.resolve("run-patchctl.sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder(which("bash").toString(), file.toString()).redirectErrorStream(false);
        pb.environment().put("PATH", bin + ":" + tools);
        pb.environment().put("CALLS", calls.toString());
        pb.environment().put("STUBS", bin.toString());
        pb.environment().put("PKG_JAVA", packageJava.toString());
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
