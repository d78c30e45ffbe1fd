package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every file parses; every variable and output is declared, typed and described; modules are called right. */
class TerraformStructureTest {

    private static final List<Path> MODULES = List.of(TerraformTree.root(), TerraformTree.patchManager(), TerraformTree.basicExample());
    private static final Pattern VAR_REFERENCE = Pattern.compile("\\bvar\\.([a-z_][a-z0-9_]*)");

    @TestFactory
    Stream<DynamicTest> everyTfFile_parses() {
        List<Path> files = TerraformTree.allTfFiles();
        assertThat(files).as(".tf files").hasSizeGreaterThanOrEqualTo(12);
        return files.stream().map(f -> DynamicTest.dynamicTest(TerraformTree.root().relativize(f).toString(),
                () -> assertThat(Hcl.parse(f)).isNotEmpty()));
    }

    @Test
    void seedLayout_isKept() {
        Path root = TerraformTree.root();
        for (String file : List.of("main.tf", "iam.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md",
                "modules/patch-manager/main.tf", "modules/patch-manager/variables.tf", "modules/patch-manager/outputs.tf",
                "modules/patch-manager/README.md",
                "examples/basic/main.tf")) {
            assertThat(root.resolve(file)).as(file).isRegularFile();
        }
    }

    @Test
    void everyVariable_hasTypeAndDescription() {
        for (Path module : MODULES) {
            Map<String, Object> variables = Hcl.blocks(module, "variable");
            assertThat(variables).as("variables of " + module).isNotEmpty();
            variables.forEach((name, body) -> {
                Map<?, ?> v = (Map<?, ?>) body;
                assertThat(v.get("description")).as(module.getFileName() + " var." + name + " description")
                        .isInstanceOf(String.class).asString().hasSizeGreaterThan(10);
                assertThat(HclSource.attributes(HclSource.module(module).variable(name))).as("var." + name + " type")
                        .containsKey("type");
            });
        }
    }

    @Test
    void everyReferencedVariable_isDeclaredInItsModule() {
        for (Path module : MODULES) {
            HclSource source = HclSource.module(module);
            Set<String> referenced = new TreeSet<>();
            Matcher m = VAR_REFERENCE.matcher(source.text());
            while (m.find()) {
                referenced.add(m.group(1));
            }
            assertThat(source.blockNames("variable")).as("declared in " + module).containsAll(referenced);
        }
    }

    @Test
    void issueVariables_existWithTheirDefaults() {
        Path root = TerraformTree.root();
        assertThat(Hcl.defaultString(root, "region")).isEqualTo("us-east-2");
        assertThat(Hcl.defaultString(root, "bedrock_model_id")).isEqualTo("us.anthropic.claude-sonnet-4-6");
        assertThat(Hcl.defaultString(root, "patch_schedule")).isEqualTo("cron(0 2 ? * SAT *)");
        assertThat(Hcl.defaultString(root, "patch_schedule_timezone")).isEqualTo("UTC");
        // Was 60 s (the seed's): too short for a batch of 5 at 55 s each (issue 9, InsightsBurstTest).
        assertThat(Hcl.variable(root, "lambda_timeout_seconds").get("default")).isEqualTo(300.0);
        assertThat(Hcl.variable(root, "insights_max_concurrency").get("default")).isEqualTo(5.0);
        assertThat(Hcl.variable(root, "policy_hold_globs").get("default")).isEqualTo(List.of("kernel*"));
        assertThat(Hcl.blocks(root, "variable")).containsKeys("environment", "s3_bucket_name", "lambda_memory_mb",
                "patch_max_concurrency", "patch_max_errors", "policy_minimum_severity", "escalation_email",
                "instance_role_name", "agent_jar_path", "insights_jar_path");
    }

    @Test
    void outputs_ofTheIssue_existAndAreDescribed() {
        Map<String, Object> outputs = Hcl.blocks(TerraformTree.root(), "output");

        assertThat(outputs).containsKeys("patch_insights_lambda_arn", "patch_failure_rule_arn", "log_bucket_arn",
                "log_bucket_name", "maintenance_window_arn", "patch_document_arn", "dead_letter_queue_arn",
                "instance_policy_arn");
        for (Path module : MODULES) {
            Hcl.blocks(module, "output").forEach((name, body) -> assertThat(((Map<?, ?>) body).get("description"))
                    .as(module.getFileName() + " output " + name).isInstanceOf(String.class));
        }
    }

    @Test
    void moduleCalls_passOnlyDeclaredVariables_andEveryRequiredOne() {
        assertModuleCall(TerraformTree.root(), "patch_manager", TerraformTree.patchManager());
        assertModuleCall(TerraformTree.basicExample(), "patchctl", TerraformTree.root());
    }

    @Test
    void basicExample_pointsAtTheJarsMavenBuilds() {
        String call = HclSource.module(TerraformTree.basicExample()).module("patchctl");
        Path example = TerraformTree.basicExample();

        String agent = unquote(HclSource.attribute(call, "agent_jar_path")).replace("${path.module}", example.toString());
        String insights = unquote(HclSource.attribute(call, "insights_jar_path")).replace("${path.module}", example.toString());
        Path repo = TerraformTree.repositoryRoot().toAbsolutePath().normalize();
        assertThat(Path.of(agent).normalize()).isEqualTo(repo.resolve("patchctl-agent/target/patchctl-agent.jar"));
        assertThat(Path.of(insights).normalize()).isEqualTo(repo.resolve("patchctl-lambda/target/patchctl-insights.jar"));
    }

    @Test
    void providerVersions_arePinned() {
        for (Path module : MODULES) {
            String terraform = HclSource.module(module).block("terraform");
            assertThat(HclSource.attribute(terraform, "required_version")).as(module + " required_version")
                    .matches("\">= 1\\.[0-9.]+, < 2\\.0\\.0\"");
            assertThat(HclSource.nested(terraform, "required_providers")).containsPattern("source\\s*=\\s*\"hashicorp/aws\"")
                    .containsPattern("version\\s*=\\s*\">= 5\\.[0-9.]+, < 6\\.0\\.0\"");
        }
    }

    @Test
    void templatefileCalls_bindExactlyTheVariablesTheirTemplatesUse_andNoTemplateIsOrphaned() {
        List<String> used = new ArrayList<>();
        for (Path module : List.of(TerraformTree.root(), TerraformTree.patchManager())) {
            for (TemplatefileCalls.Call call : TemplatefileCalls.in(module)) {
                assertThat(call.template()).as(call.templatePath()).isRegularFile();
                assertThat(call.keys()).as("vars passed to " + call.templatePath())
                        .isEqualTo(TemplateRenderer.variablesOf(TerraformTree.read(call.template())));
                used.add(call.template().toString());
            }
        }
        List<Path> templates = TerraformTree.filesEndingWith(TerraformTree.root(), ".tftpl");
        assertThat(templates).isNotEmpty();
        assertThat(used).containsAll(templates.stream().map(Path::toString).toList());
    }

    @Test
    void moduleReadmes_documentEveryInputAndOutput() {
        assertReadmeDocuments(TerraformTree.root().resolve("README.md"), TerraformTree.root(), TerraformTree.patchManager());
        assertReadmeDocuments(TerraformTree.patchManager().resolve("README.md"), TerraformTree.patchManager());
    }

    private static void assertReadmeDocuments(Path readmeFile, Path... modules) {
        String readme = TerraformTree.read(readmeFile);
        for (Path module : modules) {
            for (String kind : List.of("variable", "output")) {
                Map<String, Object> blocks = Hcl.blocks(module, kind);
                assertThat(blocks).isNotEmpty();
                blocks.forEach((name, body) -> {
                    String description = String.valueOf(((Map<?, ?>) body).get("description")).replace("|", "\\|");
                    assertThat(readme).as(kind + " " + name + " of " + module.getFileName()
                            + " in " + readmeFile + " (regenerate: infra/terraform-tests/scripts/readme-tables.py)")
                            .contains("| `" + name + "` | " + description + " |");
                });
            }
        }
    }

    private static void assertModuleCall(Path caller, String name, Path callee) {
        Map<String, String> passed = HclSource.attributes(HclSource.module(caller).module(name));
        passed.remove("source");
        Map<String, Object> declared = Hcl.blocks(callee, "variable");
        assertThat(declared.keySet()).as("variables of " + callee).containsAll(passed.keySet());
        declared.forEach((variable, body) -> {
            if (!((Map<?, ?>) body).containsKey("default")) {
                assertThat(passed).as("required var." + variable + " passed by module " + name).containsKey(variable);
            }
        });
    }

    private static String unquote(String expression) {
        assertThat(expression).startsWith("\"").endsWith("\"");
        return expression.substring(1, expression.length() - 1);
    }
}
