package io.patchctl.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.insights.AnalysisOutcome;
import io.patchctl.core.insights.FailureAnalysis;
import io.patchctl.core.insights.FailureContext;
import io.patchctl.core.json.Json;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model analysis per distinct failure: entries under {@code _signatures/{hash}.json}, created
 * conditionally and valid for a time-to-live. The host-specific parts of an analysis (instance id,
 * command id, region) are stored as placeholders and filled in for each host that reuses it.
 */
final class SignatureCache {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureCache.class);
    static final String SCHEMA = "patchctl.insight-signature/v1";
    private static final String INSTANCE = "{{instance_id}}";
    private static final String COMMAND = "{{command_id}}";
    private static final String REGION = "{{region}}";

    private final ReportStore store;
    private final String environment;
    private final Duration ttl;
    private final Clock clock;

    SignatureCache(ReportStore store, String environment, Duration ttl, Clock clock) {
        this.store = store;
        this.environment = environment;
        this.ttl = ttl;
        this.clock = clock;
    }

    boolean enabled() {
        return !ttl.isZero();
    }

    /** A still-valid shared analysis for this signature, adapted to this host. */
    Optional<AnalysisOutcome> lookup(String signature, FailureContext context) {
        if (!enabled()) {
            return Optional.empty();
        }
        Optional<byte[]> body = store.get(ReportKeys.insightSignature(environment, signature));
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode entry = Json.mapper().readTree(body.get());
            Instant created = Instant.parse(entry.path("created_at").asText());
            if (created.plus(ttl).isBefore(clock.instant())) {
                return Optional.empty();
            }
            FailureAnalysis shared = FailureAnalysis.fromJson(entry.path("analysis"));
            String modelId = entry.path("model_id").isTextual() ? entry.path("model_id").textValue() : null;
            return Optional.of(new AnalysisOutcome(fill(shared, context), AnalysisOutcome.CACHE, modelId, null, 0, 0, 0));
        } catch (IOException | RuntimeException e) {
            LOG.warn("unusable signature cache entry, analysing afresh: signature={} error={}", signature, e.getMessage());
            return Optional.empty();
        }
    }

    /** Shares a fresh analysis; an existing valid entry (another host won the race) is left alone. */
    void store(String signature, FailureContext context, AnalysisOutcome outcome) {
        if (!enabled()) {
            return;
        }
        ObjectNode entry = Json.mapper().createObjectNode();
        entry.put("schema", SCHEMA);
        entry.put("signature", signature);
        entry.put("error_class", context.classification().errorClass().name());
        entry.put("created_at", clock.instant().toString());
        entry.put("ttl_seconds", ttl.toSeconds());
        entry.put("source", outcome.source());
        entry.put("model_id", outcome.modelId());
        entry.set("analysis", Json.mapper().valueToTree(generalize(outcome.analysis(), context)));
        byte[] body = Json.bytes(entry);
        String key = ReportKeys.insightSignature(environment, signature);
        if (!store.putIfAbsent(key, body) && lookupRaw(key).map(this::expired).orElse(true)) {
            store.put(key, body);
        }
    }

    private Optional<JsonNode> lookupRaw(String key) {
        try {
            Optional<byte[]> body = store.get(key);
            return body.isEmpty() ? Optional.empty() : Optional.of(Json.mapper().readTree(body.get()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private boolean expired(JsonNode entry) {
        try {
            return Instant.parse(entry.path("created_at").asText()).plus(ttl).isBefore(clock.instant());
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static FailureAnalysis generalize(FailureAnalysis a, FailureContext c) {
        return map(a, s -> replace(replace(replace(s, c.event().instanceId(), INSTANCE), c.event().commandId(), COMMAND),
                c.region(), REGION));
    }

    private static FailureAnalysis fill(FailureAnalysis a, FailureContext c) {
        String instance = c.event().subjectId();
        String command = c.event().commandId() != null ? c.event().commandId() : "<command-id>";
        return map(a, s -> s.replace(INSTANCE, instance).replace(COMMAND, command).replace(REGION, c.region()));
    }

    private static String replace(String text, String value, String placeholder) {
        return value == null || value.isEmpty() ? text : text.replace(value, placeholder);
    }

    private static FailureAnalysis map(FailureAnalysis a, UnaryOperator<String> f) {
        return new FailureAnalysis(f.apply(a.rootCause()), a.severity(), all(a.immediateActions(), f), all(a.dnfCommands(), f),
                all(a.awsCliCommands(), f), all(a.preventiveMeasures(), f), a.escalate(), f.apply(a.summary()));
    }

    private static List<String> all(List<String> items, UnaryOperator<String> f) {
        return items.stream().map(f).toList();
    }
}
