package io.patchctl.core.plan;

import io.patchctl.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.testkit.CountingStore;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.core.store.ReportStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePlanCacheTest {

    private static final String FP = "a".repeat(64);
    private static final String KEY = "bedrock-plan-cache/dev/" + FP + ".json";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T14:00:00Z"));
    private final AtomicInteger computes = new AtomicInteger();

    @TempDir
    Path dir;

    @Test
    void getOrCompute_twentyConcurrentHosts_computeOnce() throws Exception {
        assertTwentyHostsComputeOnce(new DirectoryReportStore(dir));
    }

    @Test
    void getOrCompute_twentyConcurrentHostsInMemory_computeOnce() throws Exception {
        assertTwentyHostsComputeOnce(new InMemoryReportStore());
    }

    private void assertTwentyHostsComputeOnce(ReportStore backing) throws Exception {
        CountingStore store = new CountingStore(backing);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<PlanCacheResult>> hosts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                StorePlanCache cache = cache(store, "host-" + i, Duration.ofDays(7));
                hosts.add(() -> cache.getOrCompute(FP, computeWhileOthersPoll(store)));
            }
            List<String> statuses = new ArrayList<>();
            for (Future<PlanCacheResult> f : pool.invokeAll(hosts)) {
                PlanCacheResult r = f.get();
                statuses.add(r.status().id());
                assertThat(r.plan().plan().install()).containsExactly("openssl-libs");
            }
            assertThat(computes.get()).isEqualTo(1);
            assertThat(statuses).containsOnlyOnce("miss").filteredOn("hit"::equals).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void getOrCompute_readyEntry_isStoredAsReadableJson() {
        InMemoryReportStore store = new InMemoryReportStore();
        cache(store, "host-a", Duration.ofDays(7)).getOrCompute(FP, compute());

        String json = new String(store.objects().get(KEY), StandardCharsets.UTF_8);
        assertThat(json).contains("\"state\" : \"READY\"", "\"owner\" : \"host-a\"", "\"install\" : [ \"openssl-libs\" ]",
                "\"schema\" : \"patchctl.plan-cache/v2\"", "\"fingerprint\" : \"" + FP + "\"");
    }

    @Test
    void getOrCompute_planHoldingAllowedUpdates_isReaskedAfterTheHoldTtl() {
        InMemoryReportStore store = new InMemoryReportStore();
        StorePlanCache cache = cache(store, "h", Duration.ofDays(7));
        java.util.function.Predicate<PatchPlan> holdsAllowed = plan -> true; // e.g. a hold-everything reply
        assertThat(cache.getOrCompute(FP, compute(), holdsAllowed).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.MISS);
        clock.advance(StorePlanCache.HOLD_TTL.minusMinutes(1));
        assertThat(cache.getOrCompute(FP, compute(), holdsAllowed).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.HIT);
        clock.advance(Duration.ofMinutes(2));

        assertThat(cache.getOrCompute(FP, compute(), holdsAllowed).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.MISS);
        assertThat(computes.get()).isEqualTo(2);
        // a plan that installs everything allowed keeps the full TTL
        clock.advance(Duration.ofDays(1));
        assertThat(cache.getOrCompute(FP, compute(), plan -> false).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.HIT);
    }

    @Test
    void getOrCompute_expiredEntry_computesAgain() {
        InMemoryReportStore store = new InMemoryReportStore();
        StorePlanCache cache = cache(store, "h", Duration.ofDays(7));
        assertThat(cache.getOrCompute(FP, compute()).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.MISS);
        clock.advance(Duration.ofDays(6));
        assertThat(cache.getOrCompute(FP, compute()).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.HIT);
        clock.advance(Duration.ofDays(2));

        assertThat(cache.getOrCompute(FP, compute()).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.MISS);
        assertThat(computes.get()).isEqualTo(2);
    }

    @Test
    void getOrCompute_recentFailureOnAnotherHost_fallsBackWithoutComputing() {
        InMemoryReportStore store = new InMemoryReportStore();
        Supplier<CachedPlan> failing = () -> {
            computes.incrementAndGet();
            throw new PlanComputeException("THROTTLED: rate exceeded");
        };
        assertThatThrownBy(() -> cache(store, "host-a", Duration.ofDays(7)).getOrCompute(FP, failing))
                .isInstanceOf(PlanComputeException.class).hasMessage("THROTTLED: rate exceeded");
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(() -> cache(store, "host-b", Duration.ofDays(7)).getOrCompute(FP, compute()))
                .isInstanceOf(PlanComputeException.class)
                .hasMessage("the model call for this update set failed 30 s ago on host-a: THROTTLED: rate exceeded");
        assertThat(computes.get()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        assertThat(cache(store, "host-b", Duration.ofDays(7)).getOrCompute(FP, compute()).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.MISS);
        assertThat(computes.get()).isEqualTo(2);
    }

    @Test
    void getOrCompute_abandonedLease_isTakenOver() {
        InMemoryReportStore store = new InMemoryReportStore();
        store.put(KEY, ("{\"schema\":\"patchctl.plan-cache/v2\",\"state\":\"PENDING\",\"created_at\":\""
                + clock.instant() + "\",\"owner\":\"dead-host\"}").getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofMinutes(10));

        PlanCacheResult result = cache(store, "h", Duration.ofDays(7)).getOrCompute(FP, compute());

        assertThat(result.status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.MISS);
        assertThat(computes.get()).isEqualTo(1);
    }

    @Test
    void getOrCompute_corruptEntry_isReplaced() {
        InMemoryReportStore store = new InMemoryReportStore();
        store.put(KEY, "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(cache(store, "h", Duration.ofDays(7)).getOrCompute(FP, compute()).status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.MISS);
        assertThat(new String(store.objects().get(KEY), StandardCharsets.UTF_8)).contains("READY");
    }

    @Test
    void getOrCompute_storeDown_computesWithoutSharing() {
        InMemoryReportStore store = new InMemoryReportStore();
        store.setDown(true);

        PlanCacheResult result = cache(store, "h", Duration.ofDays(7)).getOrCompute(FP, compute());

        assertThat(result.status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.OFF);
        assertThat(result.plan().plan().install()).containsExactly("openssl-libs");
    }

    @Test
    void getOrCompute_unexpectedComputeError_releasesTheLease() {
        InMemoryReportStore store = new InMemoryReportStore();
        assertThatThrownBy(() -> cache(store, "h", Duration.ofDays(7)).getOrCompute(FP, () -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bug");

        assertThat(store.objects()).doesNotContainKey(KEY);
    }

    @Test
    void getOrCompute_storeThatNeverAnswersConsistently_plansOffInsteadOfSpinning() {
        // reads never find the entry, creates always say it exists (seen live against S3Proxy under load),
        // and the clock does not move: the wait is bounded by store round trips, not only by time
        AtomicInteger sleeps = new AtomicInteger();
        ReportStore inconsistent = new io.patchctl.testkit.InconsistentStore();
        StorePlanCache cache = StorePlanCache.builder().store(inconsistent).env("dev").owner("h").clock(clock)
                .pollInterval(Duration.ofSeconds(1)).leaseTimeout(Duration.ofSeconds(30))
                .sleeper(d -> sleeps.incrementAndGet()).build();

        PlanCacheResult result = cache.getOrCompute(FP, compute());

        assertThat(result.status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.OFF);
        assertThat(computes.get()).isEqualTo(1);
        assertThat(sleeps.get()).isBetween(30, 60);
    }

    @Test
    void getOrCompute_entryOfTheOldSchema_isReplaced() {
        InMemoryReportStore store = new InMemoryReportStore();
        store.put(KEY, ("{\"schema\":\"patchctl.plan-cache/v1\",\"state\":\"READY\",\"created_at\":\"" + clock.instant()
                + "\",\"plan\":{\"install\":[\"old\"]}}").getBytes(StandardCharsets.UTF_8));

        PlanCacheResult result = cache(store, "h", Duration.ofDays(7)).getOrCompute(FP, compute());

        assertThat(result.status()).isEqualTo(io.patchctl.core.plan.PlanCacheStatus.MISS);
        assertThat(new String(store.objects().get(KEY), StandardCharsets.UTF_8)).contains("patchctl.plan-cache/v2");
    }

    @Test
    void builder_nonPositiveTtl_isRejectedWithTheName() {
        assertThatThrownBy(() -> StorePlanCache.builder().store(new InMemoryReportStore()).env("dev").ttl(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ttl must be a positive duration, was PT0S");
    }

    private StorePlanCache cache(ReportStore store, String owner, Duration ttl) {
        return StorePlanCache.builder().store(store).env("dev").owner(owner).ttl(ttl).clock(clock)
                .pollInterval(Duration.ofMillis(20)).leaseTimeout(Duration.ofMinutes(2)).build();
    }

    private Supplier<CachedPlan> compute() {
        return () -> {
            computes.incrementAndGet();
            return new CachedPlan(new PatchPlan(List.of("openssl-libs"), List.of(), Risk.LOW, "r"), List.of(), "m", 10, 2, 1);
        };
    }

    /**
     * The owner's model call returns only once the other hosts are polling its lease (40 reads: every
     * waiter has read the PENDING entry at least once more than it needed to decide), so the wait
     * path is exercised whatever the machine's load; no sleep has to outlast the other threads.
     */
    private Supplier<CachedPlan> computeWhileOthersPoll(CountingStore store) {
        return () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // hang guard only
            while (store.reads() < 40 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return compute().get();
        };
    }
}
