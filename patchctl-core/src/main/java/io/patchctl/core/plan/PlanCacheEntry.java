package io.patchctl.core.plan;

import java.time.Instant;
import java.util.List;

/**
 * The stored form of a plan-cache object ({@code bedrock-plan-cache/{env}/{fingerprint}.json}).
 *
 * @param state     PENDING while the owner asks the model, READY with a plan, FAILED with the reason
 * @param createdAt when this state was written (TTLs count from here)
 * @param owner     who wrote it (host / run), for operators
 */
public record PlanCacheEntry(String schema, State state, String fingerprint, Instant createdAt, String owner,
                             String modelId, PatchPlan plan, List<String> replyRejections,
                             long inputTokens, long outputTokens, String failure) {

    public static final String SCHEMA = "patchctl.plan-cache/v1";

    public enum State { PENDING, READY, FAILED }

    public PlanCacheEntry {
        replyRejections = replyRejections == null ? List.of() : List.copyOf(replyRejections);
    }

    static PlanCacheEntry pending(String fingerprint, Instant now, String owner) {
        return new PlanCacheEntry(SCHEMA, State.PENDING, fingerprint, now, owner, null, null, List.of(), 0, 0, null);
    }

    static PlanCacheEntry ready(String fingerprint, Instant now, String owner, CachedPlan plan) {
        return new PlanCacheEntry(SCHEMA, State.READY, fingerprint, now, owner, plan.modelId(), plan.plan(),
                plan.replyRejections(), plan.inputTokens(), plan.outputTokens(), null);
    }

    static PlanCacheEntry failed(String fingerprint, Instant now, String owner, String failure) {
        return new PlanCacheEntry(SCHEMA, State.FAILED, fingerprint, now, owner, null, null, List.of(), 0, 0, failure);
    }
}
