package io.patchctl.cli;

import io.patchctl.agent.RunCommand;
import picocli.CommandLine.Command;

/** The root command; each subcommand is one class. */
@Command(name = "patchctl", mixinStandardHelpOptions = true, version = "patchctl 0.1.0",
        description = "Security patching for RHEL-family hosts (RHEL, Rocky, AlmaLinux, Oracle Linux, Amazon Linux 2023): the model advises, code decides.",
        subcommands = {RunCommand.class, AnalyzeCommand.class, SimulateCommand.class, ReportCommand.class,
                CampaignCommand.class, QuarantineCommand.class, PromoteCommand.class})
public final class PatchctlCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required (run, analyze, simulate, report, campaign, quarantine, promote)");
    }
}
