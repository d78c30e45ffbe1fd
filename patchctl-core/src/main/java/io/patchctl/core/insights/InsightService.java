package io.patchctl.core.insights;

import io.patchctl.core.internal.hash.Sha256;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.patchctl.core.insights.event.EventNormalizer;
import io.patchctl.core.insights.event.EventVerdict;
import io.patchctl.core.insights.event.FailureEvent;
import io.patchctl.core.insights.event.MalformedEventException;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * event -> FailureEvent -> context -> analysis (cache | model | rules) -> InsightReport -> store ->
 * escalation. Store failures propagate (the platform retries the event); everything else that can go
 * wrong ends in a report or a kept raw event.
 */
public final class InsightService {

    private static final Logger LOG = LoggerFactory.getLogger(InsightService.class);

    private final ReportStore store;
    private final String environment;
    private final String defaultRegion;
    private final EventNormalizer normalizer;
    private final WindowTargetResolver resolver;
    private final ContextGatherer gatherer;
    private final SignatureCache cache;
    private final Analyst analyst;
    private final Escalator escalator;
    private final Clock clock;
    private final CommandScreen screen = new CommandScreen();
    private final RulesAnalyst rules = new RulesAnalyst();

    public InsightService(InsightSettings config, ReportStore store, Analyst analyst, WindowTargetResolver resolver,
                          Escalator escalator, Clock clock) {
        this(config, store, analyst, resolver, escalator, clock, SignatureCache.Timing.DEFAULT);
    }

    public InsightService(InsightSettings config, ReportStore store, Analyst analyst, WindowTargetResolver resolver,
                   Escalator escalator, Clock clock, SignatureCache.Timing timing) {
        this.store = Objects.requireNonNull(store, "store");
        this.environment = config.environment();
        this.defaultRegion = config.region();
        this.analyst = Objects.requireNonNull(analyst, "analyst");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.escalator = Objects.requireNonNull(escalator, "escalator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.normalizer = new EventNormalizer(clock);
        this.gatherer = new ContextGatherer(store, environment, config.logTailBytes());
        this.cache = new SignatureCache(store, environment, config.signatureTtl(), timing, clock);
    }

    /**
     * @throws io.patchctl.core.store.StoreUnavailableException when a report (or a rejected event) could not be stored
     */
    public InsightResult process(String rawEvent) {
        EventVerdict verdict;
        try {
            verdict = normalizer.normalize(rawEvent);
        } catch (MalformedEventException e) {
            String key = keepRejected(rawEvent, e.getMessage());
            LOG.warn("malformed event kept: key={} reason={}", key, e.getMessage());
            return new InsightResult(InsightResult.Status.REJECTED, List.of(key), e.getMessage(), List.of());
        }
        if (verdict instanceof EventVerdict.Skip skip) {
            LOG.info("event skipped: detailType={} reason={}", skip.detailType(), skip.reason());
            return new InsightResult(InsightResult.Status.SKIPPED, List.of(), skip.reason(), List.of());
        }
        FailureEvent event = ((EventVerdict.Failure) verdict).event();
        List<String> keys = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        boolean stored = false;
        for (FailureEvent target : targets(event)) {
            Stored result = analyzeAndStore(target);
            keys.add(result.key());
            reports.add(result.report());
            stored |= result.created();
        }
        return new InsightResult(stored ? InsightResult.Status.STORED : InsightResult.Status.DUPLICATE, keys, null, reports);
    }

    private List<FailureEvent> targets(FailureEvent event) {
        if (!event.needsTargetResolution()) {
            return List.of(event);
        }
        List<WindowTargetResolver.Target> resolved = resolver.resolve(event);
        if (resolved.isEmpty()) {
            LOG.info("window targets not resolved, reporting by window execution: windowExecutionId={}", event.windowExecutionId());
            return List.of(event);
        }
        return resolved.stream().map(t -> event.withTarget(t.instanceId(), t.commandId())).toList();
    }

    /** A report's key and JSON, and whether this call created it (false: the event was reported before). */
    private record Stored(String key, String report, boolean created) {
    }

    private Stored analyzeAndStore(FailureEvent event) {
        String baseKey = ReportKeys.insightReport(environment, event.subjectId(), event.eventTime(), null);
        String ownKey = ReportKeys.insightReport(environment, event.subjectId(), event.eventTime(),
                Sha256.hex(event.eventId()).substring(0, 8));
        // A redelivered event is recognised before any model call.
        Optional<String> existing = reportedAlready(event, baseKey, ownKey);
        if (existing.isPresent()) {
            LOG.info("event already reported: eventId={} key={}", event.eventId(), existing.get());
            return existingReport(existing.get());
        }
        Evidence evidence = gatherer.gather(event);
        FailureContext context = FailureContext.of(event, environment, defaultRegion, evidence);
        Optional<String> signature = FailureSignature.of(context.classification());
        // Only model analyses are worth sharing; the rules are cheaper than a cache read.
        AnalysisOutcome outcome = signature.isPresent() && cache.enabled() && analyst.usesModel()
                ? cache.getOrAnalyze(signature.get(), context, analyst, rules)
                : analyst.analyze(context);
        CommandScreen.Screened screened = screen.screen(outcome.analysis());
        InsightReport report = report(context, outcome, screened, signature.orElse(null));
        byte[] body = Json.bytes(report);
        String key = baseKey;
        if (!store.putIfAbsentOrOwn(baseKey, body)) {
            if (sameEvent(baseKey, event)) {
                return existingReport(baseKey);
            }
            key = ownKey;
            if (!store.putIfAbsentOrOwn(ownKey, body)) {
                return existingReport(ownKey);
            }
        }
        LOG.info("insight report stored: key={} source={} errorClass={} escalate={}", key, outcome.source(),
                context.classification().errorClass(), screened.analysis().escalate());
        if (screened.analysis().escalate()) {
            escalate(report, key);
        }
        return new Stored(key, new String(body, StandardCharsets.UTF_8), true);
    }

    private Stored existingReport(String key) {
        return new Stored(key, store.get(key).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(""), false);
    }

    private Optional<String> reportedAlready(FailureEvent event, String baseKey, String ownKey) {
        if (sameEvent(baseKey, event)) {
            return Optional.of(baseKey);
        }
        return store.get(ownKey).isPresent() ? Optional.of(ownKey) : Optional.empty();
    }

    private boolean sameEvent(String key, FailureEvent event) {
        Optional<byte[]> body = store.get(key);
        if (body.isEmpty()) {
            return false;
        }
        try {
            return event.eventId().equals(Json.mapper().readTree(body.get()).path("context").path("event_id").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private void escalate(InsightReport report, String key) {
        try {
            escalator.escalate(report, key);
        } catch (RuntimeException e) {
            // The report is stored; a lost notification must not make the platform redeliver and re-analyse.
            LOG.error("escalation failed, report stored without notification: key={} error={}", key, e.getMessage());
        }
    }

    private InsightReport report(FailureContext context, AnalysisOutcome outcome, CommandScreen.Screened screened,
                                 String signature) {
        FailureEvent event = context.event();
        Evidence evidence = context.evidence();
        ReportContext reportContext = new ReportContext(event.eventId(), event.detailType(), context.region(),
                event.commandId(), event.windowId(), event.windowExecutionId(), evidence.runReportKey(),
                evidence.runReportExcerpt(), evidence.commandOutputKeys(), evidence.logTail(),
                context.classification().errorClass().name(), context.classification().errorLine(), signature,
                outcome.fallbackReason(), outcome.modelCalls(), outcome.inputTokens(), outcome.outputTokens());
        return new InsightReport(event.eventTime().toString(), environment, event.subjectId(), event.status(), event.raw(),
                screened.analysis(), outcome.source(), outcome.modelId(), reportContext, InsightReport.SCHEMA,
                screened.rejected());
    }

    /** Keeps an unreadable event, keyed by its content so a redelivery does not duplicate it. */
    private String keepRejected(String rawEvent, String reason) {
        String raw = rawEvent == null ? "" : rawEvent;
        String key = ReportKeys.insightRejected(environment, Sha256.hex(raw).substring(0, 32));
        ObjectNode entry = Json.mapper().createObjectNode();
        entry.put("schema", "patchctl.rejected-event/v1");
        entry.put("received_at", clock.instant().toString());
        entry.put("reason", reason);
        entry.put("raw", raw);
        store.putIfAbsent(key, Json.bytes(entry));
        return key;
    }
}
