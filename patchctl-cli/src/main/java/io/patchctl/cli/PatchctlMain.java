package io.patchctl.cli;

import io.patchctl.agent.PatchctlCommandLine;

/** Entry point of the operator's {@code patchctl} jar ({@code bin/patchctl}). */
public final class PatchctlMain {

    private PatchctlMain() {
    }

    public static void main(String[] args) {
        System.exit(PatchctlCommandLine.execute(new PatchctlCommand(), args));
    }
}
