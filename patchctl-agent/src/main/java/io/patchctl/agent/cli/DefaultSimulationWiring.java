package io.patchctl.agent.cli;

import io.patchctl.agent.simulate.FailureAnalyzer;
import io.patchctl.agent.simulate.HostAgent;
import io.patchctl.agent.simulate.SimulationWiring;
import io.patchctl.agent.simulate.WorkflowHostAgent;
import java.nio.file.Path;
import io.patchctl.core.store.ReportStore;

/** The production wiring of simulate: the agent workflow and the insights service, in-process. */
final class DefaultSimulationWiring implements SimulationWiring {

    static final DefaultSimulationWiring INSTANCE = new DefaultSimulationWiring();

    @Override
    public HostAgent agent(String advisor, String modelId, String region, ReportStore store) {
        Path spool = Path.of(System.getProperty("java.io.tmpdir"), "patchctl-simulate-spool");
        return new WorkflowHostAgent(new AgentComponents(), advisor, modelId, region, spool);
    }

    @Override
    public FailureAnalyzer analyzer(String advisor, String modelId, String region, String environment, ReportStore store) {
        // TEMPORARY until the insights service lands: no analysis
        return event -> java.util.Optional.empty();
    }
}
