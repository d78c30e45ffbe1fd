package io.patchctl.core.model;

import java.util.Objects;

/**
 * One prompt for a language model.
 *
 * @param system      system prompt (instructions)
 * @param user        user message (instructions plus delimited data)
 * @param maxTokens   upper bound of the reply
 * @param temperature sampling temperature
 */
public record ModelRequest(String system, String user, int maxTokens, double temperature) {
    public ModelRequest {
        Objects.requireNonNull(user, "user");
        system = system == null ? "" : system;
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, was " + maxTokens);
        }
    }
}
