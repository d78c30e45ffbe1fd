package io.patchctl.lambda;

import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.aws.insights.InsightsRuntime;
import io.patchctl.core.insights.InsightResult;
import io.patchctl.core.insights.InsightService;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure-insights Lambda. Accepts an EventBridge event directly, or an SQS batch whose message
 * bodies are EventBridge events; for a batch it answers {@code batchItemFailures} naming only the
 * messages whose report could not be stored, so only those are retried. For a direct event a store
 * failure is thrown, so the platform retries and the dead-letter queue keeps the event.
 */
public final class InsightsHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InsightsHandler.class);

    /**
     * The worst case of one message: a 10 s wait for another host's analysis of the same failure, two
     * model calls of at most 20 s (first answer and one repair), and the S3 writes. Below this, a later
     * message of the batch is left for the next invocation rather than cut off by the 60 s timeout.
     */
    static final int MIN_MILLIS_PER_MESSAGE = 55_000;

    private final InsightService service;

    /** Lambda's constructor: configuration from the environment, clients built once here (init phase). */
    public InsightsHandler() {
        this(InsightsRuntime.create(InsightsConfig.fromEnvironment(System.getenv()), System.getenv(), Clock.systemUTC()));
        if (Primer.wanted(System.getenv())) {
            prime();
        }
    }

    /** Priming must never fail init: without the loopback stand-in, the in-memory pipeline is primed alone. */
    private static void prime() {
        long start = System.nanoTime();
        try {
            Primer.prime();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("priming through the SDK clients failed, priming in memory only: {}", e.toString());
            Primer.primeInMemory();
        }
        LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    public InsightsHandler(InsightService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        JsonNode root = parseOrNull(text);
        ObjectNode answer = isSqsBatch(root) ? handleBatch(root, context) : handleEvent(text);
        output.write(Json.mapper().writeValueAsBytes(answer));
    }

    private ObjectNode handleEvent(String text) {
        InsightResult result = service.process(text);
        return summary(result);
    }

    private ObjectNode handleBatch(JsonNode root, Context context) {
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode failures = answer.putArray("batchItemFailures");
        boolean first = true;
        for (JsonNode record : root.get("Records")) {
            String messageId = record.path("messageId").asText("");
            // The first message is always worked on: handing it back would only make the next invocation
            // face the same clock, and each hand-back counts towards the dead-letter queue.
            boolean enoughTime = first || context == null || context.getRemainingTimeInMillis() >= MIN_MILLIS_PER_MESSAGE;
            first = false;
            if (!enoughTime) {
                // Not enough time for a model call: hand the message back rather than be killed mid-write.
                LOG.warn("too little time left, message returned to the queue: messageId={} remainingMillis={}", messageId,
                        context.getRemainingTimeInMillis());
                failures.addObject().put("itemIdentifier", messageId);
                continue;
            }
            try {
                JsonNode body = record.get("body");
                InsightResult result = service.process(body != null && body.isTextual() ? body.textValue() : null);
                LOG.info("sqs message handled: messageId={} status={} keys={}", messageId, result.status(), result.keys());
            } catch (RuntimeException e) {
                // Only this message is retried; the others' reports are stored and must not be redone.
                LOG.error("sqs message failed, will be retried: messageId={} error={}", messageId, e.toString());
                failures.addObject().put("itemIdentifier", messageId);
            }
        }
        return answer;
    }

    private static ObjectNode summary(InsightResult result) {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("status", result.status().name());
        ArrayNode keys = answer.putArray("keys");
        result.keys().forEach(keys::add);
        answer.put("reason", result.reason());
        return answer;
    }

    private static boolean isSqsBatch(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("Records").isArray() || root.get("Records").isEmpty()) {
            return false;
        }
        return "aws:sqs".equals(root.get("Records").get(0).path("eventSource").asText());
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
