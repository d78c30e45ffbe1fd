package io.patchctl.core.model;

import java.util.List;

/**
 * A model's answer. The text is data to parse, never something to run. Reasoning blocks the model
 * wrote before its answer are counted here and never parsed: only {@code text} reaches a parser.
 *
 * @param text            concatenated text blocks (reasoning blocks excluded)
 * @param stopReason      end_turn, max_tokens, stop_sequence, guardrail_intervened, … ("max_tokens" means truncated)
 * @param modelId         the model (or inference profile) that answered
 * @param inputTokens     billed input tokens
 * @param outputTokens    billed output tokens (Bedrock bills reasoning as output: it is included here)
 * @param latencyMillis   wall time of the call, retries included
 * @param attempts        HTTP attempts the call took (1 = no retry)
 * @param reasoningBlocks reasoning blocks in the reply (Converse reasoningContent, InvokeModel thinking)
 * @param reasoningChars  characters of reasoning text (redacted blocks count their bytes)
 * @param retries         why each failed attempt was retried ("attempt 1: HTTP 429 ModelNotReadyException")
 */
public record ModelReply(String text, String stopReason, String modelId,
                         long inputTokens, long outputTokens, long latencyMillis, int attempts,
                         int reasoningBlocks, long reasoningChars, List<String> retries) {

    public static final String GUARDRAIL_INTERVENED = "guardrail_intervened";

    public ModelReply {
        text = text == null ? "" : text;
        stopReason = stopReason == null ? "" : stopReason;
        retries = retries == null ? List.of() : List.copyOf(retries);
    }

    public ModelReply(String text, String stopReason, String modelId,
                      long inputTokens, long outputTokens, long latencyMillis, int attempts) {
        this(text, stopReason, modelId, inputTokens, outputTokens, latencyMillis, attempts, 0, 0, List.of());
    }

    /** True when the model stopped because it ran out of tokens: the reply is incomplete, however whole it looks. */
    public boolean truncated() {
        return "max_tokens".equals(stopReason) || "length".equals(stopReason)
                || "model_context_window_exceeded".equals(stopReason);
    }

    /** True when a Bedrock guardrail replaced the answer: the text is the guardrail's message, not advice. */
    public boolean guardrailIntervened() {
        return GUARDRAIL_INTERVENED.equals(stopReason);
    }

    /**
     * Reasoning tokens, estimated at 4 characters per token: Bedrock bills reasoning inside
     * {@code outputTokens} and reports no separate count.
     */
    public long reasoningTokensEstimate() {
        return (reasoningChars + 3) / 4;
    }
}
