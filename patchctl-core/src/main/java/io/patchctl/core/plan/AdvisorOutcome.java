package io.patchctl.core.plan;

import java.util.List;
import java.util.Objects;

/**
 * A plan together with how it was obtained.
 *
 * @param plan           the advice (not yet checked by PolicyGuard)
 * @param info           advisor kind, model, fallback reason, usage
 * @param replyRejections parts of a model reply that were refused before a plan could be formed
 *                        (e.g. a shell command among dnf lines); recorded, never run
 */
public record AdvisorOutcome(PatchPlan plan, AdvisorInfo info, List<String> replyRejections) {
    public AdvisorOutcome {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(info, "info");
        replyRejections = replyRejections == null ? List.of() : List.copyOf(replyRejections);
    }

    public AdvisorOutcome(PatchPlan plan, AdvisorInfo info) {
        this(plan, info, List.of());
    }
}
