package io.patchctl.core.insights;

import java.util.Objects;

/**
 * An analysis and how it was obtained.
 *
 * @param analysis       the eight-field analysis (not yet screened)
 * @param source         "bedrock", "rules" or "cache"
 * @param modelId        the model asked, or null when none was
 * @param fallbackReason why a model analysis fell back to the rules, or null
 * @param inputTokens    model input tokens, all calls of this analysis together
 * @param outputTokens   model output tokens
 * @param modelCalls     model invocations made (0 for rules or cache; 2 after a repair)
 */
public record AnalysisOutcome(FailureAnalysis analysis, String source, String modelId, String fallbackReason,
                              long inputTokens, long outputTokens, int modelCalls) {

    public static final String BEDROCK = "bedrock";
    public static final String RULES = "rules";
    public static final String CACHE = "cache";

    public AnalysisOutcome {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(source, "source");
    }
}
