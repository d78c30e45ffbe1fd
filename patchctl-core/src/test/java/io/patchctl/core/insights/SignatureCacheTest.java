package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.insights.event.FailureEvent;
import io.patchctl.core.store.SingleFlight;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The signature cache's decisions, with a clock that the waiting moves: no test sleeps. */
class SignatureCacheTest {

    private static final String SIGNATURE = "b".repeat(64);
    private static final String KEY = "bedrock-patch-insights/dev/_signatures/" + SIGNATURE + ".json";
    private static final String OTHER = "i-0ffffffffffffffff";

    private final InMemoryReportStore store = new InMemoryReportStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
    private final AtomicInteger sleeps = new AtomicInteger();
    private final SingleFlight.Sleeper advancing = d -> {
        sleeps.incrementAndGet();
        clock.advance(d);
    };
    private final SignatureCache cache = new SignatureCache(store, "dev", Duration.ofHours(6), SignatureCache.Timing.DEFAULT,
            clock, advancing);
    private final RulesAnalyst rules = new RulesAnalyst();
    private final AtomicInteger modelCalls = new AtomicInteger();

    /** A model that names the host it analysed, as real replies do. */
    private final Analyst model = context -> {
        modelCalls.incrementAndGet();
        FailureAnalysis a = rules.analysis(context);
        return new AnalysisOutcome(a, AnalysisOutcome.BEDROCK, "model-x", null, 100, 20, 1);
    };
    private final Analyst throttled = context -> {
        modelCalls.incrementAndGet();
        return new AnalysisOutcome(rules.analysis(context), AnalysisOutcome.RULES, "model-x", "model THROTTLED: slow down", 0, 0, 1);
    };

    @Test
    void readyAnalysis_isReusedWithTheOtherHostFilledIn() {
        cache.getOrAnalyze(SIGNATURE, context(Fixtures.INSTANCE), model, rules);

        AnalysisOutcome reused = cache.getOrAnalyze(SIGNATURE, context(OTHER), model, rules);

        assertThat(modelCalls).hasValue(1);
        assertThat(reused.source()).isEqualTo(AnalysisOutcome.CACHE);
        assertThat(reused.modelId()).isEqualTo("model-x");
        assertThat(reused.analysis().summary()).contains(OTHER).doesNotContain(Fixtures.INSTANCE);
        assertThat(reused.analysis().awsCliCommands()).allSatisfy(c -> assertThat(c).doesNotContain(Fixtures.INSTANCE));
        assertThat(new String(store.get(KEY).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"schema\" : \"patchctl.insight-signature/v2\"", "{{instance_id}}", "\"owner\" : \"ev-1\"");
    }

    @Test
    void failedAnalysis_sendsOthersToTheRulesWithTheReason_forFiveMinutes() {
        cache.getOrAnalyze(SIGNATURE, context(Fixtures.INSTANCE), throttled, rules);
        clock.advance(Duration.ofSeconds(42));

        AnalysisOutcome second = cache.getOrAnalyze(SIGNATURE, context(OTHER), model, rules);

        assertThat(modelCalls).hasValue(1);
        assertThat(second.source()).isEqualTo(AnalysisOutcome.RULES);
        assertThat(second.modelId()).isNull();
        assertThat(second.fallbackReason())
                .isEqualTo("model failed for the same failure on another host 42 s ago: model THROTTLED: slow down");

        clock.advance(SignatureCache.FAILURE_TTL);
        assertThat(cache.getOrAnalyze(SIGNATURE, context(OTHER), model, rules).source()).isEqualTo(AnalysisOutcome.BEDROCK);
        assertThat(modelCalls).hasValue(2);
    }

    @Test
    void waiter_givesUpAfterTenSeconds_andAsksItself() {
        store.putIfAbsent(KEY, ("{\"schema\":\"patchctl.insight-signature/v2\",\"state\":\"PENDING\",\"created_at\":\""
                + clock.instant() + "\",\"owner\":\"ev-slow\"}").getBytes(StandardCharsets.UTF_8));

        AnalysisOutcome outcome = cache.getOrAnalyze(SIGNATURE, context(OTHER), model, rules);

        assertThat(outcome.source()).isEqualTo(AnalysisOutcome.BEDROCK);
        assertThat(sleeps).hasValue(10); // maxWait 10 s, polled every second
        assertThat(modelCalls).hasValue(1);
    }

    @Test
    void leaseOlderThanFiftySeconds_isTakenOverWithoutWaiting() {
        store.putIfAbsent(KEY, ("{\"schema\":\"patchctl.insight-signature/v2\",\"state\":\"PENDING\",\"created_at\":\""
                + clock.instant().minusSeconds(51) + "\",\"owner\":\"ev-dead\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(cache.getOrAnalyze(SIGNATURE, context(OTHER), model, rules).source()).isEqualTo(AnalysisOutcome.BEDROCK);
        assertThat(sleeps).hasValue(0);
    }

    @Test
    void storeDown_analysesWithoutSharing() {
        store.setDown(true);

        AnalysisOutcome outcome = cache.getOrAnalyze(SIGNATURE, context(OTHER), model, rules);

        assertThat(outcome.source()).isEqualTo(AnalysisOutcome.BEDROCK);
        assertThat(modelCalls).hasValue(1);
    }

    private static FailureContext context(String instance) {
        FailureEvent event = Fixtures.commandFailed("Failed").toBuilder().instanceId(instance).build();
        return FailureContext.of(event, "dev", "us-west-2",
                new Evidence(null, "", List.of("k"), DnfErrorClassifierTest.captured("metadata-download.txt")));
    }
}
