package io.patchctl.agent;

import picocli.CommandLine.Option;

/**
 * How {@code patchctl run} calls Bedrock beyond model and region: reasoning budget, optional
 * guardrail, structured output. (The Lambda and {@code analyze} read the guardrail from
 * {@code BEDROCK_GUARDRAIL_ID}/{@code BEDROCK_GUARDRAIL_VERSION}.)
 */
public final class BedrockCallOptions {

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

    public BedrockTuning tuning() {
        return new BedrockTuning(reasoningBudget, guardrailId, guardrailVersion, structuredOutput);
    }
}
