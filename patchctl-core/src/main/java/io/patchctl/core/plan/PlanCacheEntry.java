package io.patchctl.core.plan;

import java.util.List;

/**
 * The plan shared under {@code bedrock-plan-cache/{env}/{fingerprint}.json}: the {@code value} of a
 * {@link io.patchctl.core.store.SingleFlight} entry of schema {@link #SCHEMA} (the state, created_at,
 * owner and failure around it belong to the lease protocol).
 *
 * @param fingerprint     the update set this plan was made for (also the key; here for operators)
 * @param replyRejections parts of the model's reply that were refused, shown in every host's report
 */
public record PlanCacheEntry(String fingerprint, String modelId, PatchPlan plan, List<String> replyRejections,
                             long inputTokens, long outputTokens) {

    /** v2: the lease fields moved into the SingleFlight envelope, the plan under {@code value}; v1 entries are replaced. */
    public static final String SCHEMA = "patchctl.plan-cache/v2";

    public PlanCacheEntry {
        replyRejections = replyRejections == null ? List.of() : List.copyOf(replyRejections);
    }

    static PlanCacheEntry of(String fingerprint, CachedPlan plan) {
        return new PlanCacheEntry(fingerprint, plan.modelId(), plan.plan(), plan.replyRejections(),
                plan.inputTokens(), plan.outputTokens());
    }

    /** The shared plan as a host reuses it: no latency of its own, no call details. */
    CachedPlan toCachedPlan() {
        return new CachedPlan(plan, replyRejections, modelId, inputTokens, outputTokens, 0);
    }
}
