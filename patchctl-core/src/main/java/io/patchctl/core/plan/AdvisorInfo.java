package io.patchctl.core.plan;

import java.util.Objects;

/**
 * Who produced a plan and at what cost; recorded in the RunReport as {@code advisor}.
 *
 * @param kind           "rules", "bedrock" or "cache"
 * @param modelId        the model asked, or null for rules
 * @param fallbackReason why a model advisor fell back to rules, or null
 * @param inputTokens    model input tokens (0 when no model was called)
 * @param outputTokens   model output tokens (reasoning included, as Bedrock bills it)
 * @param latencyMillis  wall time spent obtaining the plan
 * @param planCache      HIT (a shared plan was reused), MISS (this run asked the model) or OFF
 * @param call           reasoning, output format and retries of the model call (empty without one)
 */
public record AdvisorInfo(String kind, String modelId, String fallbackReason,
                          long inputTokens, long outputTokens, long latencyMillis, PlanCacheStatus planCache,
                          ModelCallDetails call) {

    public AdvisorInfo {
        planCache = planCache == null ? PlanCacheStatus.OFF : planCache;
        call = Objects.requireNonNullElse(call, ModelCallDetails.none());
    }

    public AdvisorInfo(String kind, String modelId, String fallbackReason,
                       long inputTokens, long outputTokens, long latencyMillis, PlanCacheStatus planCache) {
        this(kind, modelId, fallbackReason, inputTokens, outputTokens, latencyMillis, planCache, ModelCallDetails.none());
    }

    /** Without plan-cache information (OFF). */
    public AdvisorInfo(String kind, String modelId, String fallbackReason,
                       long inputTokens, long outputTokens, long latencyMillis) {
        this(kind, modelId, fallbackReason, inputTokens, outputTokens, latencyMillis, PlanCacheStatus.OFF);
    }

    public static AdvisorInfo rules(long latencyMillis) {
        return new AdvisorInfo("rules", null, null, 0, 0, latencyMillis);
    }
}
