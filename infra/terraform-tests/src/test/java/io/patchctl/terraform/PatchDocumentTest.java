package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Run Command document's script as Terraform renders it: checks the jar, installs Java only if
 * missing, and runs `patchctl run` with flags the real picocli spec accepts. Never model output.
 */
class PatchDocumentTest {

    private static final Path MODULE = TerraformTree.patchManager();
    private static final String SHA = "0123456789abcdef".repeat(4);
    private static final String POLICY_JSON =
            "{\"hold_packages\":[\"kernel*\",\"openssh*\"],\"minimum_severity\":\"important\",\"hold_reboot_packages\":true,\"max_packages\":7}";

    static String renderScript(String policyJson) {
        return renderScript(policyJson, SHA, "/var/lib/patchctl/agent", "/etc/patchctl");
    }

    static String renderScript(String policyJson, String sha, String jarDir, String policyDir) {
        return renderScript(policyJson, sha, jarDir, policyDir, "", "");
    }

    /** With the ring arguments Terraform derives from var.rings (empty strings: no rings). */
    static String renderScript(String policyJson, String sha, String jarDir, String policyDir, String ring, String approvalFrom) {
        return TemplateRenderer.renderFile(MODULE.resolve("templates/run-patchctl.sh.tftpl"), Map.ofEntries(
                Map.entry("environment", "dev"),
                Map.entry("region", "us-east-2"),
                Map.entry("model_id", "us.anthropic.claude-sonnet-4-6"),
                Map.entry("bucket_name", "dev-rhel8-patch-logs-123456789012"),
                Map.entry("compliance_type", "Custom:RHEL8SecurityPatching"),
                Map.entry("agent_jar_sha256", sha),
                Map.entry("java_package", "java-17-openjdk-headless"),
                Map.entry("jar_download_dir", jarDir),
                Map.entry("policy_dir", policyDir),
                Map.entry("policy_json_base64", Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8))),
                Map.entry("ring", ring),
                Map.entry("approval_from", approvalFrom)));
    }

    /** The `"$JAVA" ... -jar "$JAR" run ...` command of the script, continuation lines joined. */
    static String javaCommand(String script) {
        Matcher m = Pattern.compile("(?m)^exec \"\\$JAVA\" (?:[^\\n]*\\\\\\n)*[^\\n]*$").matcher(script);
        assertThat(m.find()).as("an `exec \"$JAVA\" ...` command in the script").isTrue();
        return m.group();
    }

    /**
     * The aws:downloadContent step's destinationPath as Terraform renders it: the document's expression,
     * with the module's locals substituted (they are plain strings and ${local.x} references).
     */
    static String downloadDestinationPath() {
        HclSource module = HclSource.module(MODULE);
        String document = module.resource("aws_ssm_document", "patch");
        String locals = module.block("locals");
        Matcher attr = Pattern.compile("destinationPath\\s*=\\s*(\\S+)").matcher(document);
        assertThat(attr.find()).as("destinationPath in the document").isTrue();
        return resolveLocals(attr.group(1), locals);
    }

    static String resolveLocals(String expression, String locals) {
        String value = expression;
        if (value.startsWith("local.")) {
            value = HclSource.attribute(locals, value.substring("local.".length()));
        }
        assertThat(value).as("a string literal").startsWith("\"").endsWith("\"");
        value = value.substring(1, value.length() - 1);
        Matcher ref = Pattern.compile("\\$\\{local\\.([a-z_]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (ref.find()) {
            ref.appendReplacement(out, Matcher.quoteReplacement(resolveLocals("local." + ref.group(1), locals)));
        }
        ref.appendTail(out);
        return out.toString();
    }

    static List<String> patchctlArgs(String script, String advisor, boolean scanOnly, String instanceId) {
        String command = javaCommand(script).replace("{{ advisor }}", advisor).replace("{{ reboot }}", "if-needed");
        Map<String, String> scalars = Map.of("JAVA", "java", "JAR", jarPath(script), "POLICY_FILE", "/etc/patchctl/policy-dev.json");
        Map<String, List<String>> arrays = new HashMap<>();
        arrays.put("MODE_ARGS", scanOnly ? List.of("--scan-only") : List.of());
        arrays.put("INSTANCE_ARGS", instanceId == null ? List.of() : List.of("--instance-id", instanceId));
        arrays.put("CAMPAIGN_ARGS", List.of());
        List<String> argv = ShellWords.split(command, scalars, arrays);
        int jar = argv.indexOf("-jar");
        assertThat(argv.get(0)).isEqualTo("exec");
        assertThat(argv.get(1)).isEqualTo("java");
        assertThat(argv.get(jar + 1)).isEqualTo("/var/lib/patchctl/agent/patchctl-" + SHA + ".jar");
        return argv.subList(jar + 2, argv.size());
    }

    /** $JAR as the script computes it: the content-addressed name aws:downloadContent keeps. */
    static String jarPath(String script) {
        assertThat(script).contains("JAR_DIR='/var/lib/patchctl/agent'")
                .contains("JAR=\"$JAR_DIR/patchctl-$EXPECTED_SHA256.jar\"");
        return "/var/lib/patchctl/agent/patchctl-" + SHA + ".jar";
    }

    /** The host jar's configured command line (patchctl-agent.jar is what the document downloads and runs). */
    static CommandLine patchctl() {
        return io.patchctl.agent.PatchctlCommandLine.commandLine(new io.patchctl.agent.AgentCommand());
    }

    @Test
    void script_runsPatchctlRun_withFlagsTheRealCliAccepts() throws Exception {
        String script = renderScript(POLICY_JSON);

        for (boolean scanOnly : new boolean[] {false, true}) {
            List<String> args = patchctlArgs(script, "bedrock", scanOnly, scanOnly ? null : "i-0123456789abcdef0");
            CommandLine.ParseResult parsed = patchctl().parseArgs(args.toArray(String[]::new));

            assertThat(parsed.subcommand()).as("subcommand of " + args).isNotNull();
            CommandLine.ParseResult run = parsed.subcommand();
            assertThat(run.commandSpec().name()).isEqualTo("run");
            assertThat((String) run.matchedOptionValue("--env", null)).isEqualTo("dev");
            assertThat((String) run.matchedOptionValue("--region", null)).isEqualTo("us-east-2");
            assertThat((String) run.matchedOptionValue("--model-id", null)).isEqualTo("us.anthropic.claude-sonnet-4-6");
            assertThat((String) run.matchedOptionValue("--report-bucket", null)).isEqualTo("dev-rhel8-patch-logs-123456789012");
            // One source of truth: the rule's compliance type reaches the agent through the document.
            assertThat((String) run.matchedOptionValue("--compliance-type", null)).isEqualTo("Custom:RHEL8SecurityPatching");
            assertThat(String.valueOf((Object) run.matchedOptionValue("--policy", null))).endsWith("/etc/patchctl/policy-dev.json");
            assertThat(String.valueOf((Object) run.matchedOptionValue("--advisor", null))).isEqualToIgnoringCase("bedrock");
            assertThat((String) run.matchedOptionValue("--reboot", null)).isEqualTo("if-needed");
            assertThat(run.hasMatchedOption("--scan-only")).isEqualTo(scanOnly);
            assertThat(run.hasMatchedOption("--instance-id")).isEqualTo(!scanOnly);
        }
    }

    @Test
    void realCli_rejectsAFlagItDoesNotKnow_soTheCheckAboveCanFail() throws Exception {
        assertThatThrownBy(() -> patchctl().parseArgs("run", "--env", "dev", "--no-such-flag"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class)
                .hasMessageContaining("--no-such-flag");
    }

    @Test
    void script_checksTheJarChecksum_beforeRunningIt_andInstallsJavaOnlyIfMissing() {
        String script = renderScript(POLICY_JSON);

        assertThat(script).contains("EXPECTED_SHA256='" + SHA + "'")
                .contains("if [ \"$ACTUAL_SHA256\" != \"$EXPECTED_SHA256\" ]; then")
                .contains("if command -v java >/dev/null 2>&1 && [ \"$(java_major java)\" -ge 17 ] 2>/dev/null; then")
                .contains("dnf -y -q install 'java-17-openjdk-headless'")
                .contains("JAVA=\"$(rpm -ql 'java-17-openjdk-headless' | grep -m 1 '/bin/java$' || true)\"")
                .startsWith("#!/bin/bash\n");
        int check = script.indexOf("!= \"$EXPECTED_SHA256\"");
        int exit = script.indexOf("exit 1", check);
        int run = script.indexOf("exec \"$JAVA\"");
        assertThat(check).isPositive().isLessThan(exit);
        assertThat(exit).isLessThan(run);
        assertThat(script).contains("set -euo pipefail");
    }

    @Test
    void script_neverExecutesModelOutputOrCallsBedrockItself() {
        String script = renderScript(POLICY_JSON);

        assertThat(script).doesNotContainPattern("\\beval\\b")
                .doesNotContainPattern("\\b(ba)?sh\\s+-c\\b")
                .doesNotContainPattern("\\|\\s*(ba)?sh\\b")
                .doesNotContainPattern("(?m)^\\s*(source|\\.)\\s")
                .doesNotContain("bedrock-runtime")
                .doesNotContain("invoke-model")
                .doesNotContain("jq ")
                .doesNotContain("chmod +x");
        // One program is executed after the checks: the checksum-pinned agent jar.
        assertThat(Pattern.compile("(?m)^\\s*exec ").matcher(script).results().count()).isEqualTo(1);
    }

    @Test
    void script_writesThePolicy_asAFileTheAgentsStrictPolicyLoaderAccepts() {
        String script = renderScript(POLICY_JSON);
        Matcher m = Pattern.compile("echo '([A-Za-z0-9+/=]+)' \\| base64 -d > \"\\$POLICY_FILE\\.tmp\"").matcher(script);
        assertThat(m.find()).as("policy written from base64").isTrue();
        String written = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);

        PatchPolicy policy = PolicyLoader.parse(written);
        assertThat(policy.holdGlobs()).containsExactly("kernel*", "openssh*");
        assertThat(policy.minimumSeverity()).isEqualTo(Severity.IMPORTANT);
        assertThat(policy.holdRebootPackages()).isTrue();
        assertThat(policy.maxPackages()).isEqualTo(7);
    }

    @Test
    void terraformPolicy_usesExactlyTheKeysAndValuesThePolicyLoaderAccepts() {
        String locals = HclSource.module(TerraformTree.root()).block("locals");
        Matcher m = Pattern.compile("policy_json = jsonencode\\(\\{(.*?)}\\)", Pattern.DOTALL).matcher(locals);
        assertThat(m.find()).isTrue();
        Map<String, String> bound = new java.util.TreeMap<>();
        Pattern.compile("(?m)^\\s*([a-z_]+)\\s*=\\s*(.+?)\\s*$").matcher(m.group(1)).results()
                .forEach(r -> bound.put(r.group(1), r.group(2)));

        assertThat(bound).containsExactly(
                Map.entry("hold_packages", "var.policy_hold_globs"),
                Map.entry("hold_reboot_packages", "var.policy_hold_reboot_packages"),
                Map.entry("max_packages", "var.policy_max_packages"),
                Map.entry("minimum_severity", "lower(var.policy_minimum_severity)"));
        // What Terraform's jsonencode makes of the variables' defaults, through the agent's loader.
        String defaults = "{\"hold_packages\":[\"kernel*\"],\"hold_reboot_packages\":false,\"max_packages\":0,"
                + "\"minimum_severity\":\"" + Hcl.defaultString(TerraformTree.root(), "policy_minimum_severity").toLowerCase(java.util.Locale.ROOT) + "\"}";
        assertThat(PolicyLoader.parse(defaults)).isEqualTo(PatchPolicy.defaults());
    }

    @Test
    void policyLoader_rejectsAnUnknownKey_soTheKeyCheckCanFail() {
        assertThatThrownBy(() -> PolicyLoader.parse("{\"hold_globs\":[\"kernel*\"]}"))
                .isInstanceOf(io.patchctl.core.plan.PolicyException.class)
                .hasMessageContaining("unknown key 'hold_globs'");
    }

    @Test
    void script_withRing_passesRingAndApprovalFromThatTheRealCliAccepts() {
        String script = renderScript(POLICY_JSON, SHA, "/var/lib/patchctl/agent", "/etc/patchctl", "prod", "staging");

        List<String> args = patchctlArgs(script, "bedrock", false, "i-0123456789abcdef0");
        CommandLine.ParseResult run = patchctl().parseArgs(args.toArray(String[]::new)).subcommand();

        assertThat((String) run.matchedOptionValue("--ring", null)).isEqualTo("prod");
        assertThat((String) run.matchedOptionValue("--approval-from", null)).isEqualTo("staging");
        assertThat(patchctlArgs(renderScript(POLICY_JSON), "bedrock", false, null)).doesNotContain("--ring", "--approval-from");
    }

    @Test
    void document_passesOnlyAllowListedParametersIntoTheScript() {
        String document = HclSource.module(MODULE).resource("aws_ssm_document", "patch");
        String script = TerraformTree.read(MODULE.resolve("templates/run-patchctl.sh.tftpl"));

        List<String> used = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}").matcher(script).results().map(r -> r.group(1)).distinct().toList();
        assertThat(used).containsExactlyInAnyOrder("advisor", "scanOnly", "reboot", "cves", "advisories");
        assertThat(document).contains("allowedPattern = \"^(bedrock|rules)$\"").contains("allowedPattern = \"^(true|false)$\"")
                .contains("allowedPattern = \"^(never|if-needed)$\"");
        assertThat(script).contains("--reboot '{{ reboot }}'");
        assertThat(script).contains("[ '{{ scanOnly }}' = 'true' ]").contains("--advisor '{{ advisor }}'")
                .contains("read -r -a CAMPAIGN_CVES <<< '{{ cves }}'").contains("read -r -a CAMPAIGN_ADVISORIES <<< '{{ advisories }}'");
        assertThat(document).contains("allowedPattern = local.cves_allowed_pattern")
                .contains("allowedPattern = local.advisories_allowed_pattern");
    }

    @Test
    void document_downloadsTheUploadedJar_thenRunsTheScript() {
        String document = HclSource.module(MODULE).resource("aws_ssm_document", "patch");

        assertThat(HclSource.attribute(document, "name")).isEqualTo("local.document_name");
        assertThat(document).contains("action = \"aws:downloadContent\"").contains("sourceType      = \"S3\"")
                .contains("${var.bucket_name}.s3.${var.region}.amazonaws.com/${var.agent_jar_key}")
                .contains("destinationPath = local.jar_download_path")
                .contains("action = \"aws:runShellScript\"")
                .contains("runCommand     = [local.run_script]");
        assertThat(document.indexOf("aws:downloadContent")).isLessThan(document.indexOf("aws:runShellScript"));
        assertThat(HclSource.attribute(HclSource.module(MODULE).block("locals"), "jar_download_dir"))
                .isEqualTo("\"/var/lib/patchctl/agent\"");
        // The agent keeps the object's name only for a path ending in "/" (or an existing directory).
        assertThat(downloadDestinationPath()).isEqualTo("/var/lib/patchctl/agent/");
        // The object's basename is what the script looks for: patchctl-<sha256>.jar.
        assertThat(HclSource.attribute(HclSource.module(TerraformTree.root()).block("locals"), "agent_jar_key"))
                .endsWith("/patchctl-${local.agent_jar_sha256}.jar\"");
    }

    @Test
    void window_isSaturday0200Utc_targetsPatchGroupTag_andWritesOutputUnderBedrockPatchEnv() {
        HclSource module = HclSource.module(MODULE);
        String window = module.resource("aws_ssm_maintenance_window", "patch");
        String target = module.resource("aws_ssm_maintenance_window_target", "patch_group");
        String task = module.resource("aws_ssm_maintenance_window_task", "patch");
        String locals = module.block("locals");
        HclSource root = HclSource.module(TerraformTree.root());

        assertThat(HclSource.attribute(window, "name")).isEqualTo("\"${var.environment}-bedrock-patch-window\"");
        assertThat(HclSource.attribute(window, "schedule")).isEqualTo("var.schedule");
        assertThat(HclSource.attribute(window, "schedule_timezone")).isEqualTo("var.schedule_timezone");
        assertThat(HclSource.attribute(root.module("patch_manager"), "schedule")).isEqualTo("var.patch_schedule");
        assertThat(HclSource.attribute(root.module("patch_manager"), "schedule_timezone")).isEqualTo("var.patch_schedule_timezone");
        assertThat(Hcl.defaultString(TerraformTree.root(), "patch_schedule")).isEqualTo("cron(0 2 ? * SAT *)");
        assertThat(Hcl.defaultString(TerraformTree.root(), "patch_schedule_timezone")).isEqualTo("UTC");
        assertThat(Hcl.defaultString(MODULE, "schedule")).isEqualTo("cron(0 2 ? * SAT *)");

        assertThat(HclSource.attribute(HclSource.nested(target, "targets"), "key")).isEqualTo("\"tag:PatchGroup\"");
        assertThat(HclSource.attribute(HclSource.nested(target, "targets"), "values")).isEqualTo("[local.patch_group]");
        assertThat(HclSource.attribute(locals, "patch_group")).isEqualTo("\"rhel8-${var.environment}\"");

        String runCommand = HclSource.nested(task, "run_command_parameters");
        assertThat(HclSource.attribute(runCommand, "output_s3_key_prefix")).isEqualTo("local.output_prefix");
        assertThat(HclSource.attribute(locals, "output_prefix")).isEqualTo("\"bedrock-patch/${var.environment}\"");
        assertThat(HclSource.attribute(task, "max_concurrency")).isEqualTo("var.max_concurrency");
        assertThat(HclSource.attribute(task, "max_errors")).isEqualTo("var.max_errors");
        assertThat(HclSource.attribute(task, "service_role_arn")).isEqualTo("aws_iam_role.ssm_bedrock_role.arn");
        // By name, as AWS's examples do, so the Run Command event's document-name is the name the rule matches.
        assertThat(HclSource.attribute(task, "task_arn")).isEqualTo("aws_ssm_document.patch.name");
        assertThat(HclSource.attribute(root.module("patch_manager"), "max_concurrency")).isEqualTo("var.patch_max_concurrency");
    }

    @Test
    void shellWords_unknownVariable_isAnError() {
        assertThatThrownBy(() -> ShellWords.split("java -jar \"$NOPE\"", Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown variable $NOPE");
    }
}
