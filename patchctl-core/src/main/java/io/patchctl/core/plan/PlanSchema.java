package io.patchctl.core.plan;

import io.patchctl.core.model.OutputSchema;

/**
 * The exceptions-only plan the model is asked for: what to hold and why, a risk, a reasoning, and an
 * explicit {@code install_all_other_reported}. The answer's size grows with the holds, never with the
 * host: a 400-update host costs the same output tokens as a 10-update one.
 *
 * <p>The schema keeps to the subset Bedrock's structured output accepts for Claude (objects with
 * {@code additionalProperties:false}, {@code required}, {@code enum}; no {@code maxItems}/{@code maxLength},
 * source: docs.aws.amazon.com/bedrock/latest/userguide/structured-output.html and Anthropic's
 * "JSON Schema limitations"): the bounds live in the descriptions and are enforced by {@link PlanReplyParser}.
 */
public final class PlanSchema {

    public static final String NAME = "patch_plan";
    public static final String INSTALL_ALL = "install_all_other_reported";
    /** Holds beyond this are not a plan for one host; the parser refuses the reply. */
    public static final int MAX_HOLDS = 200;

    static final String JSON = """
            {"type":"object","additionalProperties":false,
             "required":["install_all_other_reported","hold","risk","reasoning"],
             "properties":{
              "install_all_other_reported":{"type":"boolean",
               "description":"true: install every reported update that is not in hold. false: install nothing this run."},
              "hold":{"type":"array","description":"the exceptions: packages to hold back, each with a short reason (at most 200)",
               "items":{"type":"object","additionalProperties":false,"required":["package","reason"],
                "properties":{"package":{"type":"string","description":"a package name from the data block, or a glob such as kernel*"},
                              "reason":{"type":"string","description":"why it is held, one short sentence"}}}},
              "risk":{"type":"string","enum":["LOW","MEDIUM","HIGH"]},
              "reasoning":{"type":"string","description":"one or two sentences for the change record"}}}""";

    public static final OutputSchema SCHEMA = new OutputSchema(NAME,
            "Exceptions-only security patch plan for one RHEL host", JSON.replaceAll("\\s*\\n\\s*", ""));

    private PlanSchema() {
    }
}
