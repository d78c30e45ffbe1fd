package io.patchctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code patchctl quarantine list|clear}: the per-update circuit breaker's quarantine of an environment. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = {"List or clear the updates the circuit breaker quarantined in an environment.",
            "Each failed on a host this cycle (scriptlet, file conflict, dependency); later hosts hold it until the"
                + " quarantine expires or is cleared."},
        subcommands = {QuarantineListCommand.class, QuarantineClearCommand.class})
public final class QuarantineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (list, clear)");
    }
}
