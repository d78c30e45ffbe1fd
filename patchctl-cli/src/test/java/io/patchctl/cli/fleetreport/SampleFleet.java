package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.CycleInfo;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.FleetReportJson;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.fleet.Insight;
import io.patchctl.core.internal.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A small fleet with every outcome, including hostile text where model output and package names go. */
final class SampleFleet {

    static final String HOSTILE_ROOT_CAUSE = "</b><script>document.title='pwned'</script>Scriptlet & <i>friends</i>";
    static final String HOSTILE_PACKAGE = "<img src=x onerror=\"document.title='pwned'\">";

    private SampleFleet() {
    }

    static FleetReport build() {
        List<HostResult> hosts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            hosts.add(HostResult.fromRunReport("bedrock-patch-runs/dev/i-0" + i + "/x.json",
                    Fixtures.runReport("i-0" + i, "COMPLIANT", 0,
                            List.of("openssl-libs-1:1.1.1k-2.el8.x86_64", "curl-7.61.1-2.el8.x86_64"), null)));
        }
        var nonCompliant = Fixtures.runReport("i-04", "NON_COMPLIANT", 3, List.of(), null);
        nonCompliant.withArray("rejected").addObject().put("item", HOSTILE_PACKAGE)
                .put("reason", "not reported by dnf");
        hosts.add(HostResult.fromRunReport("k4", nonCompliant)
                .withInsight(Insight.fromJson("i4", Fixtures.insightReport("i-04", Instant.parse("2026-11-26T14:30:09Z"),
                        "Allowed updates remain after the transaction", "verification found openssl-libs pending"))));
        hosts.add(HostResult.fromRunReport("k5",
                        Fixtures.runReport("i-05", "FAILED", 4, List.of(),
                                "Error in PREIN scriptlet in rpm package badpkg-2.0-1.el8.noarch"))
                .withInsight(Insight.fromJson("bedrock-patch-insights/dev/i-05/20261126T143009Z.json",
                        Fixtures.insightReport("i-05", Instant.parse("2026-11-26T14:30:09Z"),
                                HOSTILE_ROOT_CAUSE, "The %pre scriptlet of badpkg exits 1"))));
        hosts.add(HostResult.fromRunReport("k6",
                Fixtures.runReport("i-06", "FAILED", 4, List.of(),
                        "Failed to download metadata for repo 'unreachable': Cannot download repomd.xml")));
        hosts.add(HostResult.withoutRun("i-07", "dev", HostOutcome.NOT_STARTED, "not started: max errors reached"));
        Instant t0 = Instant.parse("2026-11-26T14:30:00Z");
        for (int i = 0; i < 6; i++) {
            // two at a time, 10 s each
            hosts.set(i, hosts.get(i).withSchedule(t0.plusSeconds(10L * (i / 2)), t0.plusSeconds(10L * (i / 2) + 9)));
        }
        CycleInfo cycle = new CycleInfo("5c1e0b1e-0000-4000-8000-000000000001", 7, 2, 1, true, 42_000, "rules", 4, 0,
                "/tmp/out");
        return new FleetReport(Instant.parse("2026-11-26T14:31:00Z"), "simulate", "dev", cycle, hosts,
                List.of("bedrock-patch-runs/dev/i-99/x.json: not valid JSON (" + HOSTILE_PACKAGE + ")"));
    }

    static String json() {
        return Json.pretty(new FleetReportJson().toJson(build()));
    }
}
