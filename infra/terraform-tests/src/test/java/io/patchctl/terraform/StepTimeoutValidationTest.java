package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSM step timeout must stay above the agent's own dnf timeout (1800 s) plus its SIGTERM grace
 * (120 s) plus the other steps, or SSM's SIGKILL can land inside the rpm transaction. Checked by
 * Terraform itself: {@code terraform plan} of a copy of the variables file alone (no provider needed).
 */
class StepTimeoutValidationTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"root,patch_task_timeout_seconds,300,false", "root,patch_task_timeout_seconds,1800,false",
            "root,patch_task_timeout_seconds,2399,false", "root,patch_task_timeout_seconds,2400,true",
            "root,patch_task_timeout_seconds,3600,true", "module,task_timeout_seconds,1800,false",
            "module,task_timeout_seconds,3600,true"})
    void stepTimeout_belowDnfTimeoutPlusGrace_isRefusedByTerraform(String where, String variable, int seconds,
                                                                    boolean accepted) throws Exception {
        Path tf = TerraformTree.repositoryRoot().resolve("infra/terraform");
        List<String> vars = new ArrayList<>();
        Files.writeString(tmp.resolve("a.jar"), "x");
        if (where.equals("root")) {
            Files.copy(tf.resolve("variables.tf"), tmp.resolve("variables.tf"));
            vars.addAll(List.of("environment=dev", "agent_jar_path=" + tmp.resolve("a.jar"), "insights_jar_path=" + tmp.resolve("a.jar")));
        } else {
            Files.copy(tf.resolve("modules/patch-manager/variables.tf"), tmp.resolve("variables.tf"));
            vars.addAll(List.of("environment=dev", "region=us-east-2", "bucket_name=dev-rhel8-patch-logs-123456789012",
                    "agent_jar_key=agent/patchctl.jar", "agent_jar_sha256=" + "a".repeat(64),
                    "model_id=us.anthropic.claude-sonnet-4-6", "policy_json={}"));
        }
        vars.add(variable + "=" + seconds);
        assertThat(terraform(List.of("init", "-input=false", "-no-color")).exit).isZero();
        List<String> plan = new ArrayList<>(List.of("plan", "-input=false", "-no-color", "-refresh=false"));
        vars.forEach(v -> plan.addAll(List.of("-var", v)));

        Result r = terraform(plan);

        if (accepted) {
            assertThat(r.exit).as(r.output).isZero();
        } else {
            assertThat(r.exit).as(r.output).isNotZero();
            assertThat(r.output).contains("Invalid value for variable").contains(variable + " must be between 2400");
        }
    }

    private record Result(int exit, String output) {
    }

    private Result terraform(List<String> args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("terraform"));
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.replaceAll("\\s+", " "));
    }
}
