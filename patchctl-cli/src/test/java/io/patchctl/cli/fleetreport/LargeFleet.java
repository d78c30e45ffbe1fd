package io.patchctl.cli.fleetreport;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.fleet.CycleInfo;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.FleetReportLoader;
import io.patchctl.core.fleet.HeldItem;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.fleet.Insight;
import io.patchctl.core.fleet.PendingUpdate;
import io.patchctl.core.sla.SlaTargets;
import io.patchctl.core.store.MemoryReportStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet of any size as a simulated cycle leaves it: a quarter of the hosts fail, on two causes only
 * (a %pre scriptlet, a repository outage), hosts run 10 at a time on four distributions, and hostile
 * text sits where model output, dnf errors and host names go. The SLA section comes from the stored
 * {@link ThreeCycleHistory} of the same size, read by the real loader.
 */
final class LargeFleet {

    /** Would retitle the page or set a flag if it ran as script anywhere. */
    static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1;document.title='pwned'\"><script>window.__pwned=2</script>";
    static final String[] DISTROS = {"Rocky Linux 9.3", "AlmaLinux 8.10", "Red Hat Enterprise Linux 9.4", "Amazon Linux 2023"};
    static final String SCRIPTLET = "Error in PREIN scriptlet in rpm package tzdata-2026a-1.el9.noarch\n"
            + "error: tzdata-2026a-1.el9.noarch: install failed " + HOSTILE;
    static final String OUTAGE = "Failed to download metadata for repo 'baseos': Cannot download repomd.xml: Curl error (7)";

    private LargeFleet() {
    }

    static FleetReport build(int n) {
        Instant t0 = Instant.parse("2026-11-05T02:00:00Z");
        List<HostResult> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("i-%017x", i);
            boolean fails = i % 4 == 1;
            boolean outage = fails && i % 8 == 5;
            HostOutcome outcome = fails ? HostOutcome.FAILED : HostOutcome.COMPLIANT;
            String error = !fails ? null : outage ? OUTAGE.replace("(7)", "(" + (7 + i % 3) + ")") : SCRIPTLET.replace("2026a", "2026" + (char) ('a' + i % 3));
            HostResult.Builder b = HostResult.builder().instanceId(id)
                    .hostname(i == 3 ? "web-" + i + HOSTILE : "web-" + i + ".prod.example")
                    .environment("prod").outcome(outcome).exitCode(fails ? 4 : 0).timestamp(t0.plusSeconds(6L * i).toString())
                    .durationMillis(4_000 + (i % 7) * 700L).distro(DISTROS[i % DISTROS.length])
                    .discovered(List.of(new PendingUpdate("RHSA-2026:1001", Severity.CRITICAL, List.of("CVE-2026-1001"),
                            "openssl-libs", "1.0-1.el9", "2.0-1.el9")))
                    .installed(fails ? List.of() : List.of("openssl-libs-2.0-1.el9.x86_64"))
                    .held(List.of(new HeldItem("kernel-core", "matches hold_packages kernel*")))
                    .advisorKind("rules").planCache("off").error(error)
                    .runReportKey("bedrock-patch-runs/prod/" + id + "/20261105T020000Z.json");
            if (fails) {
                b.insight(new Insight("bedrock-patch-insights/prod/" + id + "/20261105T020010Z.json", t0.toString(), "Failed",
                        outage ? "Repository baseos unreachable" : "RPM scriptlet failure in tzdata " + HOSTILE, "HIGH",
                        outage ? "the mirror refused connections" : "the %pre scriptlet exits 1",
                        List.of("Check the repository mirror"), List.of("dnf clean metadata"),
                        List.of("aws ssm list-command-invocations --instance-id " + id + " --details"),
                        List.of("Pin the mirror"), false, "rules", null));
            }
            long start = 6L * (i / 10) * 1000 + (i % 10) * 150L;
            HostResult r = b.build();
            hosts.add(r.withSchedule(t0.plusMillis(start), t0.plusMillis(start + r.durationMillis())));
        }
        CycleInfo cycle = new CycleInfo("5c1e0b1e-0000-4000-8000-00000000abcd", n, 10, n, false,
                Math.max(6_000, 600L * n), "rules", 4, 0, "/tmp/out");
        MemoryReportStore history = new MemoryReportStore();
        ThreeCycleHistory.store(history, n);
        var sla = new FleetReportLoader(history, Clock.fixed(ThreeCycleHistory.NOW, ZoneOffset.UTC))
                .withSla(SlaTargets.defaults(), Duration.ofDays(365)).load(null, "memory").sla();
        return new FleetReport(ThreeCycleHistory.NOW, "simulate", "prod", cycle, hosts, List.of()).withSla(sla);
    }
}
