package io.patchctl.agent.cli;

import io.patchctl.aws.BedrockModels;
import picocli.CommandLine.Option;

/**
 * {@code --model-id}, {@code --region} and the Bedrock call options, shared by run, analyze and simulate
 * so that their defaults (the environment first, as the AWS SDK and the Lambda read it) cannot drift
 * apart. The model default is {@link BedrockModels#DEFAULT_MODEL_ID}, the one constant the Lambda also reads.
 */
public final class ModelOptions {

    @Option(names = "--model-id", paramLabel = "ID", defaultValue = "${env:BEDROCK_MODEL:-" + BedrockModels.DEFAULT_MODEL_ID + "}",
            description = "Bedrock model or inference profile (default: env BEDROCK_MODEL, else " + BedrockModels.DEFAULT_MODEL_ID + ").")
    String modelId;

    @Option(names = "--reasoning-budget", paramLabel = "TOKENS", defaultValue = "${env:BEDROCK_REASONING_BUDGET:-0}",
            description = "Tokens the model may spend reasoning before it answers, on top of the answer's max_tokens:"
                    + " 0 (default: off) or 1024..64000 (env BEDROCK_REASONING_BUDGET).")
    int reasoningBudget;

    @Option(names = "--guardrail-id", paramLabel = "ID", defaultValue = "${env:BEDROCK_GUARDRAIL_ID}",
            description = "Bedrock guardrail applied to every model call (with --guardrail-version; env BEDROCK_GUARDRAIL_ID).")
    String guardrailId;

    @Option(names = "--guardrail-version", paramLabel = "VERSION", defaultValue = "${env:BEDROCK_GUARDRAIL_VERSION}",
            description = "Version of the guardrail (a number or DRAFT; env BEDROCK_GUARDRAIL_VERSION).")
    String guardrailVersion;

    @Option(names = "--structured-output", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Send the answer's JSON schema (Bedrock structured output; default on). A model that refuses it"
                    + " is asked again prompt-only, recorded in the report; --no-structured-output never sends it.")
    boolean structuredOutput;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-us-east-2}",
            description = "AWS region for Bedrock and S3 (default: env AWS_REGION, else us-east-2).")
    String region;

    public String modelId() {
        return modelId;
    }

    public String region() {
        return region;
    }

    public BedrockTuning tuning() {
        return new BedrockTuning(reasoningBudget, guardrailId, guardrailVersion, structuredOutput);
    }
}
