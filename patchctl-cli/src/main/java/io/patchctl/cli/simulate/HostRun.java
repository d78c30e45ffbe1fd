package io.patchctl.cli.simulate;

/** The scheduler's result for one host: which host and what its agent returned. */
public record HostRun(SimulatedHost host, AgentResult result) {
    public boolean failed() {
        return result.exitCode() != 0;
    }
}
