package io.patchctl.core.model;

/**
 * A model's answer. The text is data to parse, never something to run.
 *
 * @param text          concatenated text content
 * @param stopReason    end_turn, max_tokens, stop_sequence, … ("max_tokens" means truncated)
 * @param modelId       the model (or inference profile) that answered
 * @param inputTokens   billed input tokens
 * @param outputTokens  billed output tokens
 * @param latencyMillis wall time of the call, retries included
 * @param attempts      HTTP attempts the call took (1 = no retry)
 */
public record ModelReply(String text, String stopReason, String modelId,
                         long inputTokens, long outputTokens, long latencyMillis, int attempts) {

    public ModelReply {
        text = text == null ? "" : text;
        stopReason = stopReason == null ? "" : stopReason;
    }

    /** True when the model stopped because it ran out of tokens: the reply is incomplete. */
    public boolean truncated() {
        return "max_tokens".equals(stopReason) || "length".equals(stopReason);
    }
}
