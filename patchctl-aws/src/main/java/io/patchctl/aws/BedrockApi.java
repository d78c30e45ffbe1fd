package io.patchctl.aws;

import java.util.Locale;

/** Which Bedrock runtime operation carries the prompt. */
public enum BedrockApi {
    /** InvokeModel with the Anthropic Messages body (Claude models and inference profiles). */
    INVOKE_MODEL,
    /** The model-agnostic Converse API (non-Anthropic models too). */
    CONVERSE;

    /** Parses the CLI spelling: {@code invoke-model} / {@code invoke} or {@code converse}. */
    public static BedrockApi parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "invoke": case "invoke-model": case "invoke_model": case "invokemodel": return INVOKE_MODEL;
            case "converse": return CONVERSE;
            default:
                throw new IllegalArgumentException("unknown Bedrock API '" + text + "' (expected invoke-model or converse)");
        }
    }
}
