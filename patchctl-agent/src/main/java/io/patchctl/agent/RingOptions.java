package io.patchctl.agent;

import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.rollout.FrozenPlanAdvisor;
import io.patchctl.core.rollout.RingGate;
import io.patchctl.core.rollout.RingRecorder;
import io.patchctl.core.rollout.RingRecords;
import io.patchctl.core.run.AgentWorkflow;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code patchctl run --ring NAME [--approval-from RING]}: the host's ring. Every ring records the
 * builds it installed successfully ({@code bedrock-patch-rings/{ring}/successes/...}); a ring with
 * {@code --approval-from} is gated: it installs only builds in its latest approval (written by
 * {@code patchctl promote --from RING --to NAME}), at exactly the approved EVR, and runs the frozen
 * plan of a matching update set without asking the model. The SSM document passes both from its
 * parameters; Terraform sets them per environment from {@code var.rings}.
 */
public final class RingOptions {

    @Option(names = "--ring", paramLabel = "NAME",
            description = "This host's rollout ring: its successful installs are recorded for promotion (needs a report store).")
    String ring;

    @Option(names = "--approval-from", paramLabel = "RING",
            description = "Gate this ring on the approval promoted from RING: only proven builds, at the proven EVR.")
    String approvalFrom;

    public boolean enabled() {
        return ring != null;
    }

    /** Checks the values; a usage error (exit 1) names the bad one. */
    void validate() {
        if (ring == null && approvalFrom == null) {
            return;
        }
        if (ring == null) {
            throw new PatchctlException(ExitCode.USAGE, "--approval-from needs --ring NAME (the ring being gated)");
        }
        try {
            ReportKeys.segment(ring);
            if (approvalFrom != null) {
                ReportKeys.segment(approvalFrom);
            }
        } catch (IllegalArgumentException e) {
            throw new PatchctlException(ExitCode.USAGE, "--ring/--approval-from: " + e.getMessage());
        }
        if (ring.equals(approvalFrom)) {
            throw new PatchctlException(ExitCode.USAGE, "--approval-from names the ring itself ('" + ring + "')");
        }
    }

    /**
     * Wires the ring into the workflow: its gate (read from the store now), the frozen-plan advisor
     * around {@code advisor}, and the recorder of successes.
     *
     * @param stores the run's report stores; the ring uses the last one (the bucket when both are given)
     */
    Advisor wire(AgentWorkflow.Builder workflow, Advisor advisor, List<ReportStore> stores, PatchPolicy policy) {
        if (!enabled()) {
            return advisor;
        }
        if (stores.isEmpty()) {
            throw new PatchctlException(ExitCode.USAGE, "--ring needs a report store (--report-dir or --report-bucket):"
                    + " the ring's successes and approvals live there");
        }
        ReportStore store = stores.get(stores.size() - 1);
        RingGate gate;
        if (approvalFrom == null) {
            gate = RingGate.first(ring);
        } else {
            try {
                gate = RingGate.gated(ring, approvalFrom, new RingRecords(store).latestApproval(ring));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new PatchctlException(ExitCode.USAGE, "ring " + ring + ": " + e.getMessage(), e);
            }
        }
        workflow.ring(gate).hook(new RingRecorder(store, ring, gate, policy));
        return new FrozenPlanAdvisor(advisor, gate);
    }
}
