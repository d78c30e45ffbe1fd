package io.patchctl.cli.simulate;

import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.store.ReportStore;

/**
 * Supplies the real parts a simulation drives: the agent workflow and the insights code. Kept
 * behind this seam so the orchestration can be unit-tested with the ports faked; the command uses
 * the production wiring. Closing releases the clients it built.
 */
public interface SimulationWiring extends AutoCloseable {

    /**
     * @param advisor "rules" or "bedrock"
     * @param modelId the Bedrock model for the bedrock advisor
     * @param region  the Bedrock region
     * @param policy  the policy every host runs with (simulate's {@code --no-quarantine} turns the circuit breaker off)
     */
    HostAgent agent(String advisor, String modelId, String region, ReportStore store, PatchPolicy policy);

    /**
     * The agent of one ring's hosts (simulate --rings): as {@link #agent}, with the ring's gate, frozen
     * plans, success recorder and simulated clock.
     */
    default HostAgent agent(String advisor, String modelId, String region, ReportStore store, PatchPolicy policy,
                            SimulatedRing ring) {
        if (ring == null) {
            return agent(advisor, modelId, region, store, policy);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not run rings");
    }

    /** The insights code, storing InsightReports in {@code store}. */
    FailureAnalyzer analyzer(String advisor, String modelId, String region, String environment, ReportStore store);

    @Override
    default void close() {
    }
}
