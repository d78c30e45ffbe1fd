package io.patchctl.core.insights;

import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.SingleFlight;
import io.patchctl.core.store.SingleFlight.Decision;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model analysis per distinct failure, also when many Lambdas see it at once, shared through the
 * {@link SingleFlight} lease protocol on {@code _signatures/{hash}.json}: the first caller asks the
 * model, the others wait until the entry is READY (then reuse it) or FAILED (then use the rules without
 * calling a model that just throttled or timed out). READY entries live for the TTL, FAILED ones for
 * {@link #FAILURE_TTL}; a PENDING entry older than the lease timeout is taken over, and a waiter never
 * waits longer than {@code maxWait}. A store that is down, or never answers consistently, means this
 * caller analyses without sharing. Host-specific parts (instance id, command id, region) are stored as
 * placeholders and filled in for each host.
 */
public final class SignatureCache {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureCache.class);
    /** v2: the lease fields in the SingleFlight envelope, the analysis under {@code value}; v1 entries are replaced. */
    static final String SCHEMA = "patchctl.insight-signature/v2";
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

    /**
     * The shared value: the analysis with placeholders for the host-specific parts.
     *
     * @param ownerEventId the event whose analysis this is, for operators
     */
    record SharedAnalysis(String signature, String errorClass, String ownerEventId, String modelId, FailureAnalysis analysis) {
        SharedAnalysis {
            Objects.requireNonNull(analysis, "analysis");
        }
    }

    private final ReportStore store;
    private final String environment;
    private final Duration ttl;
    private final Timing timing;
    private final Clock clock;
    private final SingleFlight.Sleeper sleeper;

    SignatureCache(ReportStore store, String environment, Duration ttl, Timing timing, Clock clock) {
        this(store, environment, ttl, timing, clock, SingleFlight.Sleeper.SYSTEM);
    }

    SignatureCache(ReportStore store, String environment, Duration ttl, Timing timing, Clock clock, SingleFlight.Sleeper sleeper) {
        this.store = Objects.requireNonNull(store, "store");
        this.environment = environment;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    boolean enabled() {
        return !ttl.isZero();
    }

    /** The shared analysis for this signature: reused, awaited, or obtained here from {@code analyst}. */
    AnalysisOutcome getOrAnalyze(String signature, FailureContext context, Analyst analyst, RulesAnalyst rules) {
        String key = ReportKeys.insightSignature(environment, signature);
        Decision<SharedAnalysis> decision = flight(context.event().eventId()).acquire(key);
        if (decision instanceof Decision.Hit<SharedAnalysis> hit) {
            return new AnalysisOutcome(fill(hit.value().analysis(), context), AnalysisOutcome.CACHE, hit.value().modelId(),
                    null, 0, 0, 0);
        }
        if (decision instanceof Decision.RecentFailure<SharedAnalysis> failure) {
            // no model was asked for this host: modelId stays null, the reason names the other host's failure
            String reason = "model failed for the same failure on another host "
                    + Duration.between(failure.failedAt(), clock.instant()).toSeconds() + " s ago: " + failure.reason();
            return new AnalysisOutcome(rules.analysis(context), AnalysisOutcome.RULES, null, reason, 0, 0, 0);
        }
        AnalysisOutcome outcome;
        try {
            outcome = analyst.analyze(context);
        } catch (RuntimeException e) {
            // analysts fall back rather than throw; should one not, others must not wait for this lease
            if (decision instanceof Decision.Owner<SharedAnalysis> owner) {
                owner.abandon();
            }
            throw e;
        }
        if (decision instanceof Decision.Owner<SharedAnalysis> owner) {
            if (AnalysisOutcome.BEDROCK.equals(outcome.source())) {
                owner.complete(new SharedAnalysis(signature, context.classification().errorClass().name(),
                        context.event().eventId(), outcome.modelId(), generalize(outcome.analysis(), context)));
            } else {
                owner.fail(outcome.fallbackReason());
            }
        } else {
            LOG.info("signature not shared signature={} reason={}", signature, ((Decision.Unshared<SharedAnalysis>) decision).reason());
        }
        return outcome;
    }

    private SingleFlight<SharedAnalysis> flight(String ownerEventId) {
        return SingleFlight.builder(SharedAnalysis.class).store(store).schema(SCHEMA).owner(ownerEventId)
                .ttl(ttl).failureTtl(FAILURE_TTL).leaseTimeout(timing.leaseTimeout()).maxWait(timing.maxWait())
                .pollInterval(timing.pollInterval()).clock(clock).sleeper(sleeper).build();
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
