package io.patchctl.aws;

import java.util.Map;
import java.util.Optional;

/** Model ids patchctl knows about: the default, and retired ids that are accepted but documented as such. */
public final class BedrockModels {

    /**
     * Claude Sonnet 4.6 through the US cross-region inference profile (required in the default region).
     * The one default of CLI, agent and Lambda (Terraform's bedrock_model_id default is tested against it).
     */
    public static final String DEFAULT_MODEL_ID = "us.anthropic.claude-sonnet-4-6";
    /** The one default region of CLI, agent, Lambda and {@link AwsClientSettings} (a constant: picocli defaults use it). */
    public static final String DEFAULT_REGION = "us-east-2";

    private static final Map<String, String> RETIRED = Map.of(
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "reached end of life on Bedrock on 2026-03-01; calls fail and the agent falls back to the rules advisor."
                    + " Use " + DEFAULT_MODEL_ID);

    private BedrockModels() {
    }

    /** A note when the id is known to be retired (the call is still attempted: Bedrock has the last word). */
    public static Optional<String> retirementNote(String modelId) {
        return Optional.ofNullable(RETIRED.get(modelId)).map(n -> "model " + modelId + " " + n);
    }
}
