package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.aws.BedrockModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The default model is one constant: the CLI, the Lambda and Terraform's variable all say the same id. */
class ModelDefaultTest {

    @Test
    void cliLambdaAndTerraform_shareOneDefaultModel() throws Exception {
        String variables = Files.readString(Path.of("../infra/terraform/variables.tf"));
        Matcher m = Pattern.compile("variable \"bedrock_model_id\" \\{.*?default\\s*=\\s*\"([^\"]+)\"", Pattern.DOTALL)
                .matcher(variables);
        assertThat(m.find()).as("bedrock_model_id default in variables.tf").isTrue();

        assertThat(m.group(1)).isEqualTo(BedrockModels.DEFAULT_MODEL_ID);
        var option = PatchctlCommandLine.commandLine(new AgentCommand()).getSubcommands().get("run").getCommandSpec()
                .findOption("--model-id");
        assertThat(option.description()[0]).endsWith("else " + BedrockModels.DEFAULT_MODEL_ID + ").");
        if (System.getenv("BEDROCK_MODEL") == null) {
            assertThat(option.defaultValue()).isEqualTo(BedrockModels.DEFAULT_MODEL_ID);
        }
    }

    @Test
    void run_bedrockCallOptions_parseIntoTheTuning() {
        var cl = PatchctlCommandLine.commandLine(new AgentCommand());
        cl.parseArgs("run", "--no-structured-output", "--reasoning-budget=2048", "--guardrail-id=gr1", "--guardrail-version=DRAFT");
        RunCommand run = cl.getSubcommands().get("run").getCommand();

        assertThat(run.bedrockCall.tuning().validate()).isEqualTo(new BedrockTuning(2048, "gr1", "DRAFT", false));
    }

    @Test
    void run_bedrockCallOptions_defaults() {
        var cl = PatchctlCommandLine.commandLine(new AgentCommand());
        cl.parseArgs("run");
        RunCommand run = cl.getSubcommands().get("run").getCommand();

        if (System.getenv("BEDROCK_GUARDRAIL_ID") == null && System.getenv("BEDROCK_REASONING_BUDGET") == null) {
            assertThat(run.bedrockCall.tuning()).isEqualTo(BedrockTuning.defaults());
        }
    }

    @Test
    void run_halfAGuardrail_isAUsageError() {
        var cl = PatchctlCommandLine.commandLine(new AgentCommand());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));

        int exit = cl.execute("run", "--guardrail-id=gr1", "--advisor=bedrock", "--scan-only");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("a guardrail needs both an id and a version");
    }

    @Test
    void run_reasoningBudgetBelowTheMinimum_isAUsageError() {
        var cl = PatchctlCommandLine.commandLine(new AgentCommand());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));

        int exit = cl.execute("run", "--reasoning-budget=100", "--scan-only");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("reasoning budget must be 0 (off) or 1024..64000 tokens, was 100");
    }
}
