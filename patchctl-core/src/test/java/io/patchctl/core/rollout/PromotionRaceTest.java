package io.patchctl.core.rollout;

import static io.patchctl.core.rollout.RingFixtures.CURL;
import static io.patchctl.core.rollout.RingFixtures.OPENSSL_12;
import static io.patchctl.core.rollout.RingFixtures.record;
import static io.patchctl.core.rollout.RingFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent promotions on a directory store (its conditional create is an atomic hard link, as
 * S3's If-None-Match: *): exactly one wins a version; none is lost.
 */
class PromotionRaceTest {

    static final int THREADS = 8;
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void eightIdenticalPromotionsAtOnce_exactlyOneWritesTheApproval() throws Exception {
        ReportStore store = new DirectoryReportStore(dir);
        record(store, success("staging", "i-01", T0, OPENSSL_12, CURL));
        MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(8)));

        List<PromotionResult> results = race(i -> new PromotionRequest("staging", "prod", 7, List.of(), false, "ops-" + i, null),
                store, clock);

        assertThat(results).filteredOn(PromotionResult.Written.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(PromotionResult.UpToDate.class::isInstance).hasSize(THREADS - 1);
        assertThat(store.list(ReportKeys.ringApprovalPrefix("prod"))).containsExactly("bedrock-patch-rings/prod/approvals/00000001.json");
    }

    @Test
    void eightUrgentPromotionsForDifferentCvesAtOnce_eachGetsItsOwnVersion_andTheLastHoldsThemAll() throws Exception {
        ReportStore store = new DirectoryReportStore(dir);
        List<io.patchctl.core.advisory.SecurityUpdate> updates = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            updates.add(new io.patchctl.core.advisory.SecurityUpdate("RHSA-2026:20" + i, io.patchctl.core.advisory.Severity.IMPORTANT,
                    List.of("CVE-2026-100" + i), "pkg" + i, "x86_64", "1-1.el8", "1-2.el8"));
        }
        record(store, success("staging", "i-01", T0, updates.toArray(io.patchctl.core.advisory.SecurityUpdate[]::new)));
        MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));

        List<PromotionResult> results = race(i -> new PromotionRequest("staging", "prod", 7, List.of("CVE-2026-100" + i),
                false, "ops-" + i, "urgent " + i), store, clock);

        assertThat(results).allMatch(PromotionResult.Written.class::isInstance);
        assertThat(results).extracting(r -> ((PromotionResult.Written) r).approval().version())
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        RingApproval last = new RingRecords(store).latestApproval("prod").orElseThrow();
        assertThat(last.version()).isEqualTo(THREADS);
        assertThat(last.packages()).hasSize(THREADS);
        assertThat(last.overrides()).extracting(RingApproval.UrgentOverride::by)
                .containsExactlyInAnyOrder("ops-0", "ops-1", "ops-2", "ops-3", "ops-4", "ops-5", "ops-6", "ops-7");
    }

    private static List<PromotionResult> race(IntFunction<PromotionRequest> request, ReportStore store, MutableClock clock)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<PromotionResult>> tasks = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                tasks.add(() -> {
                    start.await();
                    return new Promotion(store, clock).promote(request.apply(n));
                });
            }
            List<Future<PromotionResult>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            start.countDown();
            List<PromotionResult> results = new ArrayList<>();
            for (Future<PromotionResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
