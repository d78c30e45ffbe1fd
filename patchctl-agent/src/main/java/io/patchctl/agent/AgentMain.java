package io.patchctl.agent;

import java.util.Arrays;

/** Entry point of the host jar ({@code patchctl-agent.jar}) that SSM runs: {@code patchctl run} only. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        PatchctlCommandLine.configureLogging(Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose"));
        System.exit(PatchctlCommandLine.commandLine(new AgentCommand()).execute(args));
    }
}
