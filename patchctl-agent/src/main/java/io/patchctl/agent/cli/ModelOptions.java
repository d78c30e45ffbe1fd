package io.patchctl.agent.cli;

import picocli.CommandLine.Option;

/**
 * {@code --model-id} and {@code --region}, shared by run, analyze and simulate so that their defaults
 * (the environment first, as the AWS SDK and the Lambda read it) cannot drift apart.
 */
public final class ModelOptions {

    @Option(names = "--model-id", paramLabel = "ID", defaultValue = "${env:BEDROCK_MODEL:-us.anthropic.claude-sonnet-4-6}",
            description = "Bedrock model or inference profile (default: env BEDROCK_MODEL, else us.anthropic.claude-sonnet-4-6).")
    String modelId;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-us-east-2}",
            description = "AWS region for Bedrock and S3 (default: env AWS_REGION, else us-east-2).")
    String region;

    public String modelId() {
        return modelId;
    }

    public String region() {
        return region;
    }
}
