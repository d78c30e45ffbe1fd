package io.patchctl.agent;

import io.patchctl.aws.BedrockModelClient;

/**
 * How Bedrock is called beyond model and region: reasoning budget, optional guardrail, structured output.
 *
 * @param reasoningBudget  tokens for the model's reasoning on top of the answer (0 = off)
 * @param guardrailId      Bedrock guardrail id, or null
 * @param guardrailVersion its version, or null
 * @param structuredOutput send the answer's JSON schema
 */
public record BedrockTuning(int reasoningBudget, String guardrailId, String guardrailVersion, boolean structuredOutput) {

    /** Fails with the option's rule (exit 1 as a usage error) before any call is made. */
    public BedrockTuning validate() {
        BedrockModelClient.requireReasoningBudget(reasoningBudget);
        BedrockModelClient.requireGuardrail(guardrailId, guardrailVersion);
        return this;
    }

    public static BedrockTuning defaults() {
        return new BedrockTuning(0, null, null, true);
    }
}
