package io.patchctl.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchctl.core.internal.json.Json;
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
 * One model analysis per distinct failure, also when many Lambdas see it at once. The entry
 * {@code _signatures/{hash}.json} is created PENDING with a conditional create: its creator asks the
 * model, the others poll until it is READY (then reuse it) or FAILED (then use the rules without
 * calling a model that just throttled or timed out). READY entries live for the TTL, FAILED ones for
 * {@link #FAILURE_TTL}; a PENDING entry older than the lease timeout is taken over, and a waiter
 * never waits longer than {@code maxWait}. Host-specific parts (instance id, command id, region) are
 * stored as placeholders and filled in for each host.
 */
public final class SignatureCache {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureCache.class);
    static final String SCHEMA = "patchctl.insight-signature/v1";
    /** After a failed model call, hosts with the same failure use the rules for this long. */
    public static final Duration FAILURE_TTL = Duration.ofMinutes(5);
    private static final String INSTANCE = "{{instance_id}}";
    private static final String COMMAND = "{{command_id}}";
    private static final String REGION = "{{region}}";

    /** How long the creator of a PENDING entry may take, and how the others wait for it. */
    public record Timing(Duration leaseTimeout, Duration maxWait, Duration pollInterval) {
        /** A model call with one repair takes at most 2 x 20 s; a waiter gives up after 10 s and asks itself. */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(50), Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    private final ReportStore store;
    private final String environment;
    private final Duration ttl;
    private final Timing timing;
    private final Clock clock;

    SignatureCache(ReportStore store, String environment, Duration ttl, Timing timing, Clock clock) {
        this.store = store;
        this.environment = environment;
        this.ttl = ttl;
        this.timing = timing;
        this.clock = clock;
    }

    boolean enabled() {
        return !ttl.isZero();
    }

    /** The shared analysis for this signature: reused, awaited, or obtained here from {@code analyst}. */
    AnalysisOutcome getOrAnalyze(String signature, FailureContext context, Analyst analyst, RulesAnalyst rules) {
        String key = ReportKeys.insightSignature(environment, signature);
        Instant waitUntil = clock.instant().plus(timing.maxWait());
        while (true) {
            Optional<JsonNode> entry = read(key);
            Instant now = clock.instant();
            if (entry.isEmpty()) {
                if (store.putIfAbsent(key, Json.bytes(pending(signature, context, now)))) {
                    return analyzeAsOwner(key, signature, context, analyst);
                }
                continue; // another host created it between our read and our create
            }
            String state = entry.get().path("state").asText();
            Instant created = createdAt(entry.get());
            if ("READY".equals(state) && created.plus(ttl).isAfter(now)) {
                Optional<AnalysisOutcome> hit = reuse(entry.get(), context);
                if (hit.isPresent()) {
                    return hit.get();
                }
            } else if ("FAILED".equals(state) && created.plus(FAILURE_TTL).isAfter(now)) {
                String reason = "model failed for the same failure on another host " + Duration.between(created, now).toSeconds()
                        + " s ago: " + entry.get().path("fallback_reason").asText();
                return new AnalysisOutcome(rules.analysis(context), AnalysisOutcome.RULES, entry.get().path("model_id").asText(null),
                        reason, 0, 0, 0);
            } else if ("PENDING".equals(state) && created.plus(timing.leaseTimeout()).isAfter(now) && now.isBefore(waitUntil)) {
                sleep();
                continue;
            }
            // Expired, abandoned, unreadable, or waited long enough: this host analyses and shares the result.
            LOG.info("signature entry not usable, analysing here: signature={} state={} created={}", signature, state, created);
            store.put(key, Json.bytes(pending(signature, context, now)));
            return analyzeAsOwner(key, signature, context, analyst);
        }
    }

    private AnalysisOutcome analyzeAsOwner(String key, String signature, FailureContext context, Analyst analyst) {
        AnalysisOutcome outcome = analyst.analyze(context);
        ObjectNode entry = base(signature, context, clock.instant(), AnalysisOutcome.BEDROCK.equals(outcome.source()) ? "READY" : "FAILED");
        entry.put("model_id", outcome.modelId());
        if (AnalysisOutcome.BEDROCK.equals(outcome.source())) {
            entry.set("analysis", Json.mapper().valueToTree(generalize(outcome.analysis(), context)));
        } else {
            entry.put("fallback_reason", outcome.fallbackReason());
        }
        store.put(key, Json.bytes(entry));
        return outcome;
    }

    private Optional<AnalysisOutcome> reuse(JsonNode entry, FailureContext context) {
        try {
            FailureAnalysis shared = FailureAnalysis.fromJson(entry.path("analysis"));
            String modelId = entry.path("model_id").isTextual() ? entry.path("model_id").textValue() : null;
            return Optional.of(new AnalysisOutcome(fill(shared, context), AnalysisOutcome.CACHE, modelId, null, 0, 0, 0));
        } catch (RuntimeException e) {
            LOG.warn("unusable signature entry: key={} error={}", entry.path("signature").asText(), e.getMessage());
            return Optional.empty();
        }
    }

    private ObjectNode pending(String signature, FailureContext context, Instant now) {
        return base(signature, context, now, "PENDING");
    }

    private ObjectNode base(String signature, FailureContext context, Instant now, String state) {
        ObjectNode entry = Json.mapper().createObjectNode();
        entry.put("schema", SCHEMA);
        entry.put("state", state);
        entry.put("signature", signature);
        entry.put("error_class", context.classification().errorClass().name());
        entry.put("created_at", now.toString());
        entry.put("ttl_seconds", ttl.toSeconds());
        entry.put("owner_event_id", context.event().eventId());
        return entry;
    }

    private Optional<JsonNode> read(String key) {
        Optional<byte[]> body = store.get(key);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readTree(body.get()));
        } catch (IOException e) {
            return Optional.of(Json.mapper().createObjectNode().put("state", "UNREADABLE"));
        }
    }

    private static Instant createdAt(JsonNode entry) {
        try {
            return Instant.parse(entry.path("created_at").asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(timing.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another host's analysis", e);
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
