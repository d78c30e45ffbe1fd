package io.patchctl.agent;

import io.patchctl.aws.BedrockModels;
import picocli.CommandLine.Option;

/**
 * {@code --model-id} and {@code --region}, shared by run, analyze and simulate
 * so that their defaults (the environment first, as the AWS SDK and the Lambda read it) cannot drift
 * apart. The model default is {@link BedrockModels#DEFAULT_MODEL_ID}, the one constant the Lambda also reads.
 */
public final class ModelOptions {

    @Option(names = "--model-id", paramLabel = "ID", defaultValue = "${env:BEDROCK_MODEL:-" + BedrockModels.DEFAULT_MODEL_ID + "}",
            description = "Bedrock model or inference profile (default: env BEDROCK_MODEL, else " + BedrockModels.DEFAULT_MODEL_ID + ").")
    String modelId;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-" + BedrockModels.DEFAULT_REGION + "}",
            description = "AWS region for Bedrock and S3 (default: env AWS_REGION, else " + BedrockModels.DEFAULT_REGION + ").")
    String region;

    public String modelId() {
        return modelId;
    }

    public String region() {
        return region;
    }
}
