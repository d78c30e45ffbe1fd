package io.patchctl.core.model;

import java.util.Objects;

/**
 * One prompt for a language model.
 *
 * @param system          system prompt (instructions)
 * @param user            user message (instructions plus delimited data)
 * @param maxTokens       upper bound of the answer's text (reasoning comes on top, see {@code reasoningBudget})
 * @param temperature     sampling temperature (ignored by models while they reason)
 * @param schema          JSON schema the answer must follow, or null for the prompt-only path
 * @param reasoningBudget tokens the model may spend reasoning before it answers; 0 = reasoning off
 */
public record ModelRequest(String system, String user, int maxTokens, double temperature,
                           OutputSchema schema, int reasoningBudget) {
    public ModelRequest {
        Objects.requireNonNull(user, "user");
        system = system == null ? "" : system;
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, was " + maxTokens);
        }
        if (reasoningBudget < 0) {
            throw new IllegalArgumentException("reasoningBudget must be >= 0, was " + reasoningBudget);
        }
    }

    /** Prompt-only request: no schema, no reasoning. */
    public ModelRequest(String system, String user, int maxTokens, double temperature) {
        this(system, user, maxTokens, temperature, null, 0);
    }

    /** The same prompt without the schema: the fallback for a model that rejects structured output. */
    public ModelRequest withoutSchema() {
        return new ModelRequest(system, user, maxTokens, temperature, null, reasoningBudget);
    }

    public ModelRequest withReasoningBudget(int tokens) {
        return new ModelRequest(system, user, maxTokens, temperature, schema, tokens);
    }

    /** The model's whole token allowance: the answer plus the reasoning before it. */
    public int totalMaxTokens() {
        return maxTokens + reasoningBudget;
    }
}
