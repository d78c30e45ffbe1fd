package io.patchctl.core.report;

import io.patchctl.core.plan.AdvisorInfo;
import java.util.List;

/**
 * The report's {@code advisor} object: who planned, at what cost, and whether the plan came from the cache.
 *
 * @param planCache       HIT, MISS or OFF (in JSON "hit", "miss", "off")
 * @param reasoningTokens estimated reasoning tokens (chars/4 of reasoning blocks; included in outputTokens)
 * @param outputFormat    "json_schema", "prompt-only" or "prompt-only (schema rejected: …)"; "" without a model call
 * @param retries         the reason of each retried Bedrock attempt
 */
public record AdvisorSection(String kind, String modelId, String fallbackReason, long inputTokens,
                             long outputTokens, long latencyMillis, io.patchctl.core.plan.PlanCacheStatus planCache,
                             long reasoningTokens, String outputFormat, List<String> retries) {

    public AdvisorSection {
        retries = retries == null ? List.of() : List.copyOf(retries);
    }

    public static AdvisorSection of(AdvisorInfo info, io.patchctl.core.plan.PlanCacheStatus planCache) {
        return new AdvisorSection(info.kind(), info.modelId(), info.fallbackReason(), info.inputTokens(),
                info.outputTokens(), info.latencyMillis(), planCache == null ? io.patchctl.core.plan.PlanCacheStatus.OFF : planCache,
                info.call().reasoningTokens(), info.call().outputFormat(), info.call().retries());
    }
}
