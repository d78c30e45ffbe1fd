package io.patchctl.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.patchctl.aws.BedrockStub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Bedrock stand-in that answers like a careful model: it reads the package table of the prompt,
 * holds the kernels and plans the rest, in the exceptions-only shape (holds only) or, for comparison,
 * the previous shape (every package to install listed). It counts its output tokens with the offline
 * word-piece estimate of {@link BedrockAdvisorBench#wordPieces} and, like Bedrock, cuts the answer at
 * the request's {@code max_tokens} with {@code stop_reason=max_tokens}. Apply it to a stub with
 * {@code .withTransformers(PlanningModelStandIn.NAME)}.
 */
final class PlanningModelStandIn implements ResponseDefinitionTransformerV2 {

    static final String NAME = "planning-model-stand-in";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean listInstalls;
    final AtomicLong lastOutputTokens = new AtomicLong();
    volatile String lastText = "";

    /** @param listInstalls true: answer in the previous shape, naming every package to install */
    PlanningModelStandIn(boolean listInstalls) {
        this.listInstalls = listInstalls;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        try {
            JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
            String user = body.at("/messages/0/content/0/text").asText();
            String text = answer(packages(user), listInstalls);
            int maxTokens = body.path("max_tokens").asInt(1024);
            int tokens = BedrockAdvisorBench.wordPieces(text);
            String stop = "end_turn";
            if (tokens > maxTokens) {
                text = cut(text, maxTokens);
                tokens = maxTokens;
                stop = "max_tokens";
            }
            lastOutputTokens.set(tokens);
            lastText = text;
            int input = BedrockAdvisorBench.wordPieces(user + body.path("system").asText());
            // A string body: WireMock's shaded Jackson cannot serialise our JsonNode.
            return BedrockStub.reply(text, stop, input, tokens).build();
        } catch (Exception e) {
            throw new IllegalStateException("stand-in could not read the request", e);
        }
    }

    /** Package names of the prompt's data block (first column of each row after the header). */
    static List<String> packages(String user) {
        List<String> names = new ArrayList<>();
        int open = user.indexOf("<package_data>");
        int close = user.indexOf("</package_data>");
        String[] rows = user.substring(open, close).split("\n");
        for (int i = 2; i < rows.length; i++) {
            String row = rows[i].strip();
            if (!row.isEmpty()) {
                names.add(row.split(" ")[0]);
            }
        }
        return names;
    }

    static String answer(List<String> names, boolean listInstalls) {
        StringBuilder holds = new StringBuilder();
        List<String> install = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("kernel")) {
                holds.append(holds.length() == 0 ? "" : ",")
                        .append("{\"package\":\"").append(n).append("\",\"reason\":\"kernel update needs a reboot window\"}");
            } else {
                install.add("\"" + n + "\"");
            }
        }
        String tail = "\"hold\":[" + holds + "],\"risk\":\"LOW\",\"reasoning\":\"" + install.size()
                + " userspace security fixes; kernels wait for a reboot window.\"}";
        return listInstalls ? "{\"install\":[" + String.join(",", install) + "]," + tail
                : "{\"install_all_other_reported\":true," + tail;
    }

    /** The longest prefix within the token budget: what a model cut at max_tokens leaves. */
    private static String cut(String text, int maxTokens) {
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (BedrockAdvisorBench.wordPieces(text.substring(0, mid)) <= maxTokens) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(0, lo);
    }
}
