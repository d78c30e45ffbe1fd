package io.patchctl.cli.simulate;

import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.rollout.FrozenPlanAdvisor;
import io.patchctl.core.rollout.RingGate;
import io.patchctl.core.rollout.RingRecorder;
import io.patchctl.core.run.AgentWorkflow;
import io.patchctl.core.store.ReportStore;
import java.time.Clock;
import java.util.Objects;

/**
 * The ring a simulated host runs in, wired as {@code patchctl run --ring NAME [--approval-from RING]}
 * wires it (RingOptions in patchctl-agent): the gate, the frozen-plan advisor around the host's
 * advisor, and the recorder of successes. {@code clock} is the simulated day the ring runs on: the
 * reports and success records carry it, so the next promotion measures the soak against it.
 */
public record SimulatedRing(String name, RingGate gate, Clock clock) {

    public SimulatedRing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(clock, "clock");
    }

    /** Puts the ring's gate, clock and recorder into {@code workflow}; returns the advisor to use. */
    Advisor wire(AgentWorkflow.Builder workflow, Advisor advisor, ReportStore store, PatchPolicy hostPolicy) {
        workflow.ring(gate).clock(clock).hook(new RingRecorder(store, name, gate, hostPolicy));
        return new FrozenPlanAdvisor(advisor, gate);
    }
}
