package io.patchctl.cli.simulate;

import io.patchctl.core.store.ReportStore;
import io.patchctl.lab.LabHost;

/**
 * Port: runs the agent workflow ({@code patchctl run}) on one lab host, as SSM Run Command would on
 * an instance. The RunReport goes to {@code store} in the docs/design.md layout, as in production.
 */
@FunctionalInterface
public interface HostAgent {

    /**
     * @throws Exception when the agent could not run at all (the host then counts as failed)
     */
    AgentResult run(SimulatedHost host, LabHost labHost, String environment, ReportStore store) throws Exception;
}
