package io.patchctl.core.plan;

import java.util.List;
import java.util.Objects;

/**
 * A plan obtained from a model, as shared through the plan cache.
 *
 * @param replyRejections parts of the model's reply that were refused (every host's report shows them)
 * @param call            reasoning, output format and retries of the call that made it (empty when read from a store)
 */
public record CachedPlan(PatchPlan plan, List<String> replyRejections, String modelId,
                         long inputTokens, long outputTokens, long latencyMillis, ModelCallDetails call) {
    public CachedPlan {
        Objects.requireNonNull(plan, "plan");
        replyRejections = replyRejections == null ? List.of() : List.copyOf(replyRejections);
        call = Objects.requireNonNullElse(call, ModelCallDetails.none());
    }

    public CachedPlan(PatchPlan plan, List<String> replyRejections, String modelId,
                      long inputTokens, long outputTokens, long latencyMillis) {
        this(plan, replyRejections, modelId, inputTokens, outputTokens, latencyMillis, ModelCallDetails.none());
    }
}
