package io.patchctl.cli;

import io.patchctl.agent.PatchctlCommandLine;

import io.patchctl.cli.PatchctlCommand;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ModelOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "analyze", "simulate"})
    void modelAndRegion_defaultFromTheEnvironmentThenTheDocumentedValues(String command) {
        CommandLine sub = PatchctlCommandLine.commandLine(new PatchctlCommand()).getSubcommands().get(command);

        OptionSpec model = sub.getCommandSpec().findOption("--model-id");
        OptionSpec region = sub.getCommandSpec().findOption("--region");

        // picocli interpolates ${env:...} when the spec is read: the environment wins, else the documented value
        assertThat(model.defaultValue()).isEqualTo(envOr("BEDROCK_MODEL", "us.anthropic.claude-sonnet-4-6"));
        assertThat(region.defaultValue()).isEqualTo(envOr("AWS_REGION", "us-east-2"));
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "analyze", "simulate"})
    void modelAndRegion_givenOnTheCommandLine_win(String command) {
        CommandLine cl = PatchctlCommandLine.commandLine(new PatchctlCommand());
        String[] required = command.equals("analyze") ? new String[] {"--event", "-"} : new String[0];
        String[] args = new String[required.length + 5];
        args[0] = command;
        System.arraycopy(required, 0, args, 1, required.length);
        System.arraycopy(new String[] {"--model-id", "m-1", "--region", "eu-west-1"}, 0, args, 1 + required.length, 4);

        CommandLine.ParseResult parsed = cl.parseArgs(args).subcommand();

        assertThat(parsed.matchedOptionValue("--model-id", "")).isEqualTo("m-1");
        assertThat(parsed.matchedOptionValue("--region", "")).isEqualTo("eu-west-1");
    }
}
