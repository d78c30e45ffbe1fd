package io.patchctl.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.store.ReportKeys;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QuarantineStoreTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final InMemoryReportStore objects = new InMemoryReportStore();
    final QuarantineStore store = new QuarantineStore(objects);

    static QuarantineRecord failure(String pkg, String evr, String instance, Instant at) {
        return new QuarantineRecord(null, "prod", pkg, evr, pkg + "-" + evr + ".noarch", "SCRIPTLET", "sig",
                "Error in PREIN scriptlet in rpm package " + pkg, instance, "run-" + instance, at, at.plus(Duration.ofHours(24)));
    }

    @Test
    void record_firstHostCreates_laterHostsJoinAndAllAreListed() {
        assertThat(store.record(failure("tzdata-broken", "2026a-1.el8", "i-0aaa", T0), T0))
                .isEqualTo(QuarantineStore.RecordOutcome.CREATED);
        assertThat(store.record(failure("tzdata-broken", "2026a-1.el8", "i-0bbb", T0), T0))
                .isEqualTo(QuarantineStore.RecordOutcome.JOINED);

        QuarantineView view = store.read("prod", T0.plusSeconds(60));

        assertThat(view.active()).singleElement().satisfies(e -> {
            assertThat(e.record().instanceId()).isEqualTo("i-0aaa");
            assertThat(e.failedOn()).containsExactly("i-0aaa", "i-0bbb");
        });
        assertThat(view.expired()).isEmpty();
        assertThat(objects.objects()).containsKeys("bedrock-patch-quarantine/prod/tzdata-broken.json",
                "bedrock-patch-quarantine/prod/tzdata-broken/i-0bbb.json");
    }

    @Test
    void read_afterTheLease_listsTheRecordAsExpiredNotActive() {
        store.record(failure("tzdata-broken", "2026a-1.el8", "i-0aaa", T0), T0);
        clock.advance(Duration.ofHours(24));

        QuarantineView view = store.read("prod", clock.instant());

        assertThat(view.active()).isEmpty();
        assertThat(view.expired()).singleElement().extracting(e -> e.record().packageName()).isEqualTo("tzdata-broken");
    }

    @Test
    void record_overAnExpiredRecord_replacesIt() {
        store.record(failure("tzdata-broken", "2026a-1.el8", "i-0aaa", T0), T0);
        clock.advance(Duration.ofHours(25));

        assertThat(store.record(failure("tzdata-broken", "2026a-1.el8", "i-0ccc", clock.instant()), clock.instant()))
                .isEqualTo(QuarantineStore.RecordOutcome.REPLACED);
        assertThat(store.read("prod", clock.instant()).activeFor("tzdata-broken")).get()
                .extracting(QuarantineRecord::instanceId).isEqualTo("i-0ccc");
    }

    @Test
    void record_newerEvrFailsToo_replacesTheOlderRecordSoBothAreHeld() {
        store.record(failure("tzdata-broken", "2026a-1.el8", "i-0aaa", T0), T0);

        assertThat(store.record(failure("tzdata-broken", "2026b-1.el8", "i-0bbb", T0), T0))
                .isEqualTo(QuarantineStore.RecordOutcome.REPLACED);
        QuarantineRecord r = store.read("prod", T0).activeFor("tzdata-broken").orElseThrow();
        assertThat(r.holds("2026a-1.el8")).isTrue();
        assertThat(r.holds("2026b-1.el8")).isTrue();
        assertThat(r.holds("2026c-1.el8")).isFalse();
    }

    @Test
    void read_unreadableRecord_isListedAndIgnored() {
        objects.put(ReportKeys.quarantine("prod", "curl"), "{not json".getBytes(StandardCharsets.UTF_8));
        store.record(failure("tzdata-broken", "2026a-1.el8", "i-0aaa", T0), T0);

        QuarantineView view = store.read("prod", T0);

        assertThat(view.unreadable()).containsExactly("bedrock-patch-quarantine/prod/curl.json");
        assertThat(view.active()).extracting(e -> e.record().packageName()).containsExactly("tzdata-broken");
    }

    @Test
    void clear_onePackage_deletesItsRecordAndEvidenceOnly() {
        store.record(failure("tzdata-broken", "2026a-1.el8", "i-0aaa", T0), T0);
        store.record(failure("tzdata-broken", "2026a-1.el8", "i-0bbb", T0), T0);
        store.record(failure("libstdc++", "8.5.0-1.el8", "i-0aaa", T0), T0);

        assertThat(store.clear("prod", Optional.of("tzdata-broken"))).containsExactly("tzdata-broken");

        assertThat(objects.objects().keySet()).containsExactly("bedrock-patch-quarantine/prod/libstdc::.json",
                "bedrock-patch-quarantine/prod/libstdc::/i-0aaa.json");
        assertThat(store.clear("prod", Optional.empty())).containsExactly("libstdc++");
        assertThat(objects.objects()).isEmpty();
    }

    @Test
    void record_hostsRacing_exactlyOneRecordWinsAndNoEvidenceIsLost() throws Exception {
        int hosts = 16;
        ExecutorService pool = Executors.newFixedThreadPool(hosts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<QuarantineStore.RecordOutcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < hosts; i++) {
                String instance = String.format("i-0%016x", i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return store.record(failure("tzdata-broken", "2026a-1.el8", instance, T0), T0);
                }));
            }
            start.countDown();
            List<QuarantineStore.RecordOutcome> results = new ArrayList<>();
            for (Future<QuarantineStore.RecordOutcome> f : outcomes) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(o -> o == QuarantineStore.RecordOutcome.CREATED).hasSize(1);
            assertThat(results).filteredOn(o -> o == QuarantineStore.RecordOutcome.JOINED).hasSize(hosts - 1);
            QuarantineEntry entry = store.read("prod", T0).active().get(0);
            assertThat(entry.failedOn()).hasSize(hosts).doesNotHaveDuplicates();
            assertThat(entry.failedOn().get(0)).isEqualTo(entry.record().instanceId());
        } finally {
            pool.shutdownNow();
        }
    }
}
