package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.agent.AgentCommand;
import io.patchctl.agent.PatchctlCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} of both jars lists every subcommand with a whole first sentence, not one cut mid-way. */
class PatchctlHelpTest {

    @Test
    void patchctlHelp_listsEveryCommandWithAWholeSentence() {
        String help = assertSummariesComplete(PatchctlCommandLine.commandLine(new PatchctlCommand()));

        assertThat(help).contains("run Patch this host (or an installroot) and print the RunReport JSON on stdout.")
                .contains("report Render the fleet report of a patch cycle from the reports it stored.");
    }

    @Test
    void agentHelp_listsRunWithAWholeSentence() {
        String help = assertSummariesComplete(PatchctlCommandLine.commandLine(new AgentCommand()));

        assertThat(help).contains("run Patch this host (or an installroot) and print the RunReport JSON on stdout.");
    }

    /** @return the root's --help text, whitespace collapsed, after asserting each subcommand's summary is whole in it */
    private static String assertSummariesComplete(CommandLine root) {
        StringWriter out = new StringWriter();
        root.setOut(new PrintWriter(out, true));
        assertThat(root.execute("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(root.getSubcommands()).isNotEmpty();
        root.getSubcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            assertThat(description).as(name).isNotEmpty();
            String summary = description[0].strip();
            assertThat(summary).as("first description line of %s: a complete short sentence", name)
                    .matches("[A-Z].*[.)]").hasSizeLessThanOrEqualTo(100);
            assertThat(help).as("%s --help lists %s with its whole summary", root.getCommandName(), name)
                    .contains(name + " " + summary);
        });
        return help;
    }
}
