package io.patchctl.core.plan;

import java.util.List;

/**
 * What one model call cost beyond input/output tokens, and how its answer was constrained; recorded
 * in the RunReport's {@code advisor} object.
 *
 * @param reasoningTokens estimated reasoning tokens (characters/4 of the reasoning blocks; Bedrock bills
 *                        them inside the output tokens and reports no separate count)
 * @param reasoningBlocks reasoning blocks the model wrote before its answer (counted, never parsed)
 * @param outputFormat    "json_schema" (the schema was sent and accepted), "prompt-only", or
 *                        "prompt-only (schema rejected: …)" after the model refused the schema; "" without a call
 * @param retries         the reason of each retried attempt, in order
 */
public record ModelCallDetails(long reasoningTokens, int reasoningBlocks, String outputFormat, List<String> retries) {

    public static final String JSON_SCHEMA = "json_schema";
    public static final String PROMPT_ONLY = "prompt-only";

    public ModelCallDetails {
        outputFormat = outputFormat == null ? "" : outputFormat;
        retries = retries == null ? List.of() : List.copyOf(retries);
    }

    public static ModelCallDetails none() {
        return new ModelCallDetails(0, 0, "", List.of());
    }
}
