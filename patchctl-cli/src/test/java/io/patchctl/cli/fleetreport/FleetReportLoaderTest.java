package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.FleetReportLoader;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.fleet.SummaryTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetReportLoaderTest {

    @TempDir
    java.nio.file.Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

    @Test
    void load_takesLatestRunPerHostAndAttachesItsInsight() {
        DirectoryReportStore store = new DirectoryReportStore(dir);
        Instant earlier = Fixtures.RUN_TIME.minusSeconds(3600);
        store.put(ReportKeys.runReport("dev", "i-01", earlier, "aaaa"),
                Json.bytes(Fixtures.runReport("i-01", "FAILED", 4, List.of(), "old failure")));
        store.put(ReportKeys.runReport("dev", "i-01", Fixtures.RUN_TIME, "bbbb"),
                Json.bytes(Fixtures.runReport("i-01", "FAILED", 4, List.of("curl-1.0-2.el8.x86_64"),
                        "error: %pre(badpkg-2.0-1.el8.noarch) scriptlet failed, exit status 1")));
        store.put(ReportKeys.runReport("dev", "i-02", Fixtures.RUN_TIME, "cccc"),
                Json.bytes(Fixtures.runReport("i-02", "COMPLIANT", 0, List.of("curl-1.0-2.el8.x86_64"), null)));
        // an analysis of the older failure must not be shown against the newer run of i-02
        store.put(ReportKeys.insightReport("dev", "i-02", earlier, null),
                Json.bytes(Fixtures.insightReport("i-02", earlier, "stale", "stale")));
        Instant eventTime = Fixtures.RUN_TIME.plusSeconds(4);
        store.put(ReportKeys.insightReport("dev", "i-01", eventTime, null),
                Json.bytes(Fixtures.insightReport("i-01", eventTime, "Scriptlet failure in badpkg", "pre failed")));

        FleetReport report = new FleetReportLoader(store, clock).load(null, dir.toString());

        assertThat(report.hosts()).extracting(HostResult::instanceId).containsExactly("i-01", "i-02");
        HostResult failed = report.hosts().get(0);
        assertThat(failed.outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(failed.error()).contains("scriptlet failed");
        assertThat(failed.insight().rootCause()).isEqualTo("Scriptlet failure in badpkg");
        assertThat(failed.runReportKey()).endsWith("-bbbb.json");
        assertThat(report.hosts().get(1).insight()).isNull();
        assertThat(report.environment()).isEqualTo("dev");
        assertThat(report.problems()).isEmpty();
        assertThat(report.generatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void load_malformedReport_isListedAsProblemAndOthersStillLoad() {
        DirectoryReportStore store = new DirectoryReportStore(dir);
        store.put(ReportKeys.runReport("dev", "i-01", Fixtures.RUN_TIME, null),
                "{not json".getBytes(StandardCharsets.UTF_8));
        store.put(ReportKeys.runReport("dev", "i-02", Fixtures.RUN_TIME, null),
                Json.bytes(Fixtures.runReport("i-02", "COMPLIANT", 0, List.of(), null)));
        store.put("bedrock-patch-insights/dev/_rejected/20261126T143000Z.json",
                "garbage".getBytes(StandardCharsets.UTF_8));

        FleetReport report = new FleetReportLoader(store, clock).load("dev", "dir");

        assertThat(report.hosts()).extracting(HostResult::instanceId).containsExactly("i-02");
        assertThat(report.problems()).singleElement().asString()
                .startsWith("bedrock-patch-runs/dev/i-01/20261126T143005Z.json: not valid JSON");
    }

    @Test
    void load_insightWithoutRunReport_showsFailedHost() {
        DirectoryReportStore store = new DirectoryReportStore(dir);
        store.put(ReportKeys.insightReport("prod", "i-09", Fixtures.RUN_TIME, null),
                Json.bytes(Fixtures.insightReport("i-09", Fixtures.RUN_TIME, "Agent crashed", "no report")));

        FleetReport report = new FleetReportLoader(store, clock).load(null, "dir");

        assertThat(report.hosts()).singleElement().satisfies(h -> {
            assertThat(h.instanceId()).isEqualTo("i-09");
            assertThat(h.environment()).isEqualTo("prod");
            assertThat(h.outcome()).isEqualTo(HostOutcome.FAILED);
            assertThat(h.insight().rootCause()).isEqualTo("Agent crashed");
        });
    }

    @Test
    void load_emptyStore_givesEmptyReport() {
        FleetReport report = new FleetReportLoader(new DirectoryReportStore(dir.resolve("none")), clock)
                .load(null, "dir");
        assertThat(report.hosts()).isEmpty();
        assertThat(new SummaryTable().render(report)).contains("0 hosts: 0 compliant");
    }
}
