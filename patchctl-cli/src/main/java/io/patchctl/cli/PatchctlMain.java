package io.patchctl.cli;

import io.patchctl.agent.PatchctlCommandLine;
import java.util.Arrays;

/** Entry point of the operator's {@code patchctl} jar ({@code bin/patchctl}). */
public final class PatchctlMain {

    private PatchctlMain() {
    }

    public static void main(String[] args) {
        PatchctlCommandLine.configureLogging(Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose"));
        System.exit(PatchctlCommandLine.commandLine(new PatchctlCommand()).execute(args));
    }
}
