package io.patchctl.core.report;

import io.patchctl.core.plan.AdvisorInfo;

/**
 * The report's {@code advisor} object: who planned, at what cost, and whether the plan came from the cache.
 *
 * @param planCache "hit", "miss" or "off"
 */
public record AdvisorSection(String kind, String modelId, String fallbackReason, long inputTokens,
                             long outputTokens, long latencyMillis, String planCache) {

    public static AdvisorSection of(AdvisorInfo info, String planCache) {
        return new AdvisorSection(info.kind(), info.modelId(), info.fallbackReason(), info.inputTokens(),
                info.outputTokens(), info.latencyMillis(), planCache == null ? "off" : planCache);
    }
}
