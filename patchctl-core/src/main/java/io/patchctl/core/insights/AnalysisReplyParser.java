package io.patchctl.core.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;

/**
 * Finds the analysis object in a model reply (markdown fences and prose around it are tolerated)
 * and validates it against the schema.
 */
public final class AnalysisReplyParser {

    private AnalysisReplyParser() {
    }

    /** @throws InvalidAnalysisException saying what is wrong, in words fit for the repair prompt */
    public static FailureAnalysis parse(String reply) {
        if (reply == null || reply.isBlank()) {
            throw new InvalidAnalysisException("the reply was empty");
        }
        String lastProblem = "the reply contains no JSON object";
        int from = reply.indexOf('{');
        while (from >= 0) {
            int end = matchingBrace(reply, from);
            if (end < 0) {
                throw new InvalidAnalysisException(lastProblem.equals("the reply contains no JSON object")
                        ? "the reply's JSON object is not complete (truncated?)" : lastProblem);
            }
            JsonNode node;
            try {
                node = Json.mapper().readTree(reply.substring(from, end + 1));
            } catch (JsonProcessingException e) {
                lastProblem = "the reply's JSON is invalid: " + e.getOriginalMessage();
                from = reply.indexOf('{', from + 1);
                continue;
            }
            if (node.isObject() && node.has("root_cause")) {
                return FailureAnalysis.fromJson(node);
            }
            lastProblem = "the reply's JSON object has no root_cause (expected keys " + FailureAnalysis.KEYS + ")";
            from = reply.indexOf('{', end + 1);
        }
        throw new InvalidAnalysisException(lastProblem);
    }

    /** Index of the brace closing the object opened at {@code open}, honouring strings; -1 if none. */
    private static int matchingBrace(String s, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
