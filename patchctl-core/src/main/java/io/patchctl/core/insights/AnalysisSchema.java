package io.patchctl.core.insights;

import io.patchctl.core.model.OutputSchema;

/**
 * The JSON schema of the failure analysis, sent as structured output. The seed's eight keys, all
 * required, nothing else. Its lists are bounded at {@value #MAX_ITEMS} entries: Bedrock's structured
 * output for Claude accepts no {@code maxItems}, so the bound is stated in each description and
 * enforced by {@link FailureAnalysis#fromJson} (extra entries are dropped), which keeps the answer's
 * size independent of how long the evidence is.
 */
public final class AnalysisSchema {

    public static final int MAX_ITEMS = 8;

    private static final String LIST = "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"%s (at most "
            + MAX_ITEMS + " entries)\"}";

    public static final OutputSchema SCHEMA = new OutputSchema("failure_analysis",
            "Root-cause analysis of one failed patch run",
            "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"root_cause\",\"severity\",\"immediate_actions\","
                    + "\"dnf_commands\",\"aws_cli_commands\",\"preventive_measures\",\"escalate\",\"summary\"],\"properties\":{"
                    + "\"root_cause\":{\"type\":\"string\",\"description\":\"what went wrong, citing the evidence\"},"
                    + "\"severity\":{\"type\":\"string\",\"enum\":[\"LOW\",\"MEDIUM\",\"HIGH\",\"CRITICAL\"]},"
                    + "\"immediate_actions\":" + String.format(LIST, "steps a person should take now") + ","
                    + "\"dnf_commands\":" + String.format(LIST, "single dnf commands, no shell operators") + ","
                    + "\"aws_cli_commands\":" + String.format(LIST, "single aws commands for this instance and region") + ","
                    + "\"preventive_measures\":" + String.format(LIST, "changes that stop this from happening again") + ","
                    + "\"escalate\":{\"type\":\"boolean\"},"
                    + "\"summary\":{\"type\":\"string\",\"description\":\"one or two sentences for the on-call channel\"}}}");

    private AnalysisSchema() {
    }
}
