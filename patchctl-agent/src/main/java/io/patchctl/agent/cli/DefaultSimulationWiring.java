package io.patchctl.agent.cli;

import io.patchctl.agent.simulate.FailureAnalyzer;
import io.patchctl.agent.simulate.HostAgent;
import io.patchctl.agent.simulate.SimulationWiring;
import io.patchctl.core.store.ReportStore;

/** The production wiring of simulate: the agent workflow and the insights service, in-process. */
final class DefaultSimulationWiring implements SimulationWiring {

    static final DefaultSimulationWiring INSTANCE = new DefaultSimulationWiring();

    @Override
    public HostAgent agent(String advisor, String modelId, String region, ReportStore store) {
        throw new UnsupportedOperationException("the agent workflow (issue 2) is not merged yet");
    }

    @Override
    public FailureAnalyzer analyzer(String advisor, String modelId, String region, String environment, ReportStore store) {
        throw new UnsupportedOperationException("the insights service (issue 4) is not merged yet");
    }
}
