package io.patchctl.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;

/** Bedrock runtime replies for WireMock stand-ins (shared with the agent tests through the test-jar). */
public final class BedrockStub {

    private BedrockStub() {
    }

    /** An InvokeModel reply with the Anthropic Messages body. */
    public static ResponseDefinitionBuilder reply(String text, String stopReason, int inputTokens, int outputTokens) {
        return json(anthropicBody(text, stopReason, inputTokens, outputTokens));
    }

    public static String anthropicBody(String text, String stopReason, int inputTokens, int outputTokens) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("id", "msg_stub").put("type", "message").put("role", "assistant");
        root.putArray("content").addObject().put("type", "text").put("text", text);
        root.put("stop_reason", stopReason);
        root.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        try {
            return m.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Converse reply with one text block, its stop reason and token usage. */
    public static ResponseDefinitionBuilder converseReply(String text, String stopReason, int inputTokens, int outputTokens) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.putObject("output").putObject("message").put("role", "assistant")
                .putArray("content").addObject().put("text", text);
        root.put("stopReason", stopReason);
        root.putObject("usage").put("inputTokens", inputTokens).put("outputTokens", outputTokens)
                .put("totalTokens", inputTokens + outputTokens);
        root.putObject("metrics").put("latencyMs", 5);
        return json(root.toString());
    }

    /** A 200 reply with any JSON body (e.g. one that is not what the API sends). */
    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** An error as Bedrock sends it: the type in {@code x-amzn-ErrorType}, the message in the body. */
    public static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .withBody("{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
