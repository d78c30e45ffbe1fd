package io.patchctl.agent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The host jar's root command: only {@code run}; the operator's commands live in patchctl-cli. */
@Command(name = "patchctl", mixinStandardHelpOptions = true, version = "patchctl 0.1.0",
        description = "Security patching for RHEL-family hosts: the model advises, code decides.",
        subcommands = RunCommand.class)
public final class AgentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (run)");
    }
}
