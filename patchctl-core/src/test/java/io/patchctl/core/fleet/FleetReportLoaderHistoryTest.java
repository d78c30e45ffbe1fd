package io.patchctl.core.fleet;

import static io.patchctl.testkit.StoredRuns.run;
import static io.patchctl.testkit.StoredRuns.store;
import static io.patchctl.testkit.StoredRuns.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.sla.CveClock;
import io.patchctl.core.sla.SlaTargets;
import io.patchctl.core.store.MemoryReportStore;
import io.patchctl.testkit.CountingStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetReportLoaderHistoryTest {

    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    static final SecurityUpdate CRIT = update("RHSA-2026:1", Severity.CRITICAL, "CVE-2026-0001", "openssl-libs",
            LocalDate.parse("2026-11-01"));

    private final MemoryReportStore memory = new MemoryReportStore();
    private final CountingStore store = new CountingStore(memory);

    @Test
    void withSla_readsEveryRunOfTheWindowOnce_andTheLatestBecomesTheHost() {
        store(memory, run("dev", "i-1", Instant.parse("2026-11-03T10:00:00Z"), List.of(CRIT), List.of(), List.of(), null));
        store(memory, run("dev", "i-1", Instant.parse("2026-11-10T10:00:00Z"), List.of(CRIT), List.of("openssl-libs"), List.of(), null));
        store(memory, run("dev", "i-2", Instant.parse("2026-11-10T10:05:00Z"), List.of(CRIT), List.of(), List.of(), null));

        FleetReport report = new FleetReportLoader(store, Clock.fixed(NOW, ZoneOffset.UTC))
                .withSla(SlaTargets.defaults(), Duration.ofDays(365)).load("dev", "test");

        assertThat(store.reads()).as("three run objects, each read once").isEqualTo(3);
        assertThat(report.hosts()).extracting(HostResult::instanceId).containsExactly("i-1", "i-2");
        assertThat(report.hosts().get(0).installed()).containsExactly("openssl-libs-2.0-1.el9.x86_64");
        assertThat(report.sla().runs()).isEqualTo(3);
        assertThat(report.sla().clocks()).extracting(CveClock::instanceId, CveClock::open, CveClock::days)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("i-1", false, 9L),
                        org.assertj.core.groups.Tuple.tuple("i-2", true, 30L));
    }

    @Test
    void withSla_runsOlderThanTheWindowAreNotRead_butEachHostsLatestIs() {
        store(memory, run("dev", "i-1", Instant.parse("2025-01-03T10:00:00Z"), List.of(CRIT), List.of(), List.of(), null));
        store(memory, run("dev", "i-1", Instant.parse("2026-11-20T10:00:00Z"), List.of(CRIT), List.of(), List.of(), null));
        store(memory, run("dev", "i-old", Instant.parse("2025-02-01T10:00:00Z"), List.of(CRIT), List.of(), List.of(), null));

        FleetReport report = new FleetReportLoader(store, Clock.fixed(NOW, ZoneOffset.UTC))
                .withSla(SlaTargets.defaults(), Duration.ofDays(90)).load("dev", "test");

        assertThat(store.reads()).isEqualTo(2);
        assertThat(report.hosts()).extracting(HostResult::instanceId).containsExactly("i-1", "i-old");
    }

    @Test
    void withSla_anUnreadableRunIsAProblem_theOthersStillCount() {
        store(memory, run("dev", "i-1", Instant.parse("2026-11-20T10:00:00Z"), List.of(CRIT), List.of(), List.of(), null));
        memory.put("bedrock-patch-runs/dev/i-1/20261101T000000Z.json", "{not json".getBytes(StandardCharsets.UTF_8));

        FleetReport report = new FleetReportLoader(store, Clock.fixed(NOW, ZoneOffset.UTC))
                .withSla(SlaTargets.defaults(), Duration.ofDays(90)).load("dev", "test");

        assertThat(report.problems()).singleElement().asString().startsWith("bedrock-patch-runs/dev/i-1/20261101T000000Z.json: not valid JSON");
        assertThat(report.sla().clocks()).hasSize(1);
    }

    @Test
    void withoutSla_readsOnlyTheLatest_asBefore() {
        store(memory, run("dev", "i-1", Instant.parse("2026-11-03T10:00:00Z"), List.of(CRIT), List.of(), List.of(), null));
        store(memory, run("dev", "i-1", Instant.parse("2026-11-10T10:00:00Z"), List.of(CRIT), List.of(), List.of(), null));

        FleetReport report = new FleetReportLoader(store, Clock.fixed(NOW, ZoneOffset.UTC)).load("dev", "test");

        assertThat(store.reads()).isEqualTo(1);
        assertThat(report.sla()).isNull();
    }

    @Test
    void withSla_refusesAnEmptyWindow() {
        assertThatThrownBy(() -> new FleetReportLoader(store, Clock.systemUTC()).withSla(SlaTargets.defaults(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history window must be positive");
    }
}
