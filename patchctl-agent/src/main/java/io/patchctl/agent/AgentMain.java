package io.patchctl.agent;

/** Entry point of the host jar ({@code patchctl-agent.jar}) that SSM runs: {@code patchctl run} only. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(PatchctlCommandLine.execute(new AgentCommand(), args));
    }
}
